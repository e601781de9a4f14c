"use server";
// Staff actions on one patient: the wrapper checks the caller is signed-in staff and validates with zod; each
// calls one lib/ function and says what happened.
import { revalidatePath } from "next/cache";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { getDb } from "@/db/client";
import { updateBasicData } from "@/lib/patients/update-basic-data";
import { setPortalAccess } from "@/lib/patients/set-portal-access";
import { sendPortalInvitation } from "@/lib/patients/send-portal-invitation";
import { emailChangeConfirmHours } from "@/lib/patients/email-changed-recently";
import { unlockAccount } from "@/lib/patients/unlock-account";
import { removePatientSecondStep } from "@/lib/patients/remove-patient-second-step";
import { removePatientSecondStepSchema } from "@/lib/validation/second-step-recovery";
import { REASON_TEXT } from "@/lib/patients/portal-status-text";
import { linkLifetime, plural } from "@/lib/tokens/link-lifetime";
import { type BasicDataField, basicDataEditSchema } from "@/lib/validation/patient-record";
import { patientIdSchema, portalAccessSchema, sendInvitationSchema } from "@/lib/validation/patient-portal";
import { kickWorkers } from "@/lib/workers/kick";

export type BasicDataState = FormState<BasicDataField | "patientId" | "version", { version: number }>;
export type PortalActionState = FormState<
  "patientId" | "portalAccessEnabled" | "emailChangeConfirmed" | "callerVerified",
  { needsEmailChangeConfirmation: true }
>;

const FIELDS = [
  "firstName",
  "lastName",
  "dateOfBirth",
  "email",
  "zip",
  "phone",
  "addressLine1",
  "addressLine2",
  "city",
  "state",
  "preferredLanguage",
] as const satisfies BasicDataField[];

const basicDataForm = formAction(
  {
    caller: "staff",
    fields: {
      ...(Object.fromEntries(FIELDS.map((f) => [f, "text"])) as Record<BasicDataField, "text">),
      patientId: "text",
      version: "text",
    },
    schema: basicDataEditSchema,
    hidden: ["patientId", "version"],
  },
  async ({ patientId, version, ...data }, { caller, values }): Promise<BasicDataState> => {
    const result = await updateBasicData(await getDb(), {
      patientId,
      expectedVersion: version,
      data,
      staffId: caller.id,
      now: new Date(),
    });
    if (!result.ok && result.reason === "not_found") return { error: "This patient no longer exists." };
    if (!result.ok) {
      const current = Object.fromEntries(FIELDS.map((f) => [f, displayValue(f, result.current[f])]));
      return {
        error:
          "This record changed since you opened it. Nothing was saved. The current values are shown below: check them and make your change again.",
        values: current,
        result: { version: result.version },
      };
    }
    if (result.emailChanged) kickWorkers();
    revalidatePath(`/admin/patients/${patientId}`);
    return {
      values,
      result: { version: result.version },
      message: !result.emailChanged
        ? "Saved."
        : result.noticeHeld
          ? "Saved. Any links sent before were cancelled. The notice to the old email address was held: that address has already received the most emails we send in an hour or a day."
          : "Saved. The old email address was told about the change, and any links sent before were cancelled.",
    };
  },
);

// Dates are shown to staff as MM/DD/YYYY; everything else as stored.
function displayValue(field: BasicDataField, value: string | null | undefined): string {
  if (!value) return "";
  if (field === "dateOfBirth") {
    const [y, m, d] = value.split("-");
    return `${m}/${d}/${y}`;
  }
  return value;
}

const portalAccessForm = formAction(
  {
    caller: "staff",
    fields: { patientId: "text", portalAccessEnabled: "checkbox" },
    schema: portalAccessSchema,
    hidden: ["patientId"],
  },
  async ({ patientId, portalAccessEnabled: enabled }, { caller }): Promise<PortalActionState> => {
    const db = await getDb();
    const result = await db.transaction((tx) =>
      setPortalAccess(tx, { patientId, enabled, by: { staffId: caller.id }, now: new Date() }),
    );
    if (!result.ok) return { error: "This patient no longer exists." };
    revalidatePath(`/admin/patients/${patientId}`);
    return {
      message: enabled
        ? "Portal access is on. Nothing was sent: use “Send invitation/reset email” when the patient is ready."
        : "Portal access is off. The patient's sessions have ended and their links no longer work.",
    };
  },
);

const invitationForm = formAction(
  {
    caller: "staff",
    fields: { patientId: "text", emailChangeConfirmed: "checkbox" },
    schema: sendInvitationSchema,
    hidden: ["patientId"],
  },
  async ({ patientId, emailChangeConfirmed }, { caller }): Promise<PortalActionState> => {
    const db = await getDb();
    const result = await db.transaction((tx) =>
      sendPortalInvitation(tx, { patientId, staffId: caller.id, via: "staff", emailChangeConfirmed, now: new Date() }),
    );
    if (!result.ok) {
      switch (result.reason) {
        case "not_found":
          return { error: "This patient no longer exists." };
        case "cannot_access":
          return {
            error: `The email cannot be sent: ${result.reasons.map((r) => REASON_TEXT[r].toLowerCase()).join("; ")}.`,
          };
        case "confirm_email_change":
          return {
            error: `The email address was changed less than ${plural(emailChangeConfirmHours(), "hour")} ago. Confirm that you checked the change with the patient (for example by calling the number on file) before sending a link to the new address.`,
            result: { needsEmailChangeConfirmation: true },
          };
      }
    }
    kickWorkers();
    revalidatePath(`/admin/patients/${patientId}`);
    if (!result.queued)
      return {
        error:
          "Not sent: this email address has already received the most emails we send in an hour or a day. Try again later.",
      };
    // The lifetimes named here are the configured ones the links were just issued with (docs/security.md T4).
    return {
      message:
        result.kind === "setup"
          ? `Invitation queued: the patient will get a link to set up their account (valid ${linkLifetime("setup_staff").words}).`
          : `Reset email queued: the patient will get a link to choose a new password (valid ${linkLifetime("reset").words}).`,
    };
  },
);

const unlockForm = formAction(
  { caller: "staff", fields: { patientId: "text" }, schema: patientIdSchema, hidden: ["patientId"] },
  async ({ patientId }, { caller }): Promise<PortalActionState> => {
    const result = await unlockAccount(await getDb(), { patientId, staffId: caller.id });
    revalidatePath(`/admin/patients/${patientId}`);
    return result.ok
      ? { message: "Unlocked. The patient can sign in again, or you can send a reset email." }
      : { error: "This patient has no portal account." };
  },
);

const removeSecondStepForm = formAction(
  {
    caller: "staff",
    fields: { patientId: "text", callerVerified: "checkbox" },
    schema: removePatientSecondStepSchema,
    hidden: ["patientId"],
  },
  async ({ patientId, callerVerified }, { caller }): Promise<PortalActionState> => {
    const db = await getDb();
    const result = await db.transaction((tx) =>
      removePatientSecondStep(tx, { patientId, staffId: caller.id, callerVerified, now: new Date() }),
    );
    if (!result.ok) {
      switch (result.reason) {
        case "not_found":
          return { error: "This patient no longer exists." };
        case "none":
          revalidatePath(`/admin/patients/${patientId}`);
          return { error: "This patient has no second step to remove." };
        case "confirm_caller":
          return {
            error: `The email address was changed less than ${plural(emailChangeConfirmHours(), "hour")} ago. Confirm that you verified the caller's identity (for example by calling the number on file) before removing the second step.`,
            result: { needsEmailChangeConfirmation: true },
          };
      }
    }
    kickWorkers();
    revalidatePath(`/admin/patients/${patientId}`);
    return {
      message:
        "Second step removed. The patient's sessions have ended, and the email address on file was told. They can sign in with their username and password and add a new second step.",
    };
  },
);

export async function saveBasicData(prev: BasicDataState, form: FormData): Promise<BasicDataState> {
  return basicDataForm(prev, form);
}

export async function savePortalAccess(prev: PortalActionState, form: FormData): Promise<PortalActionState> {
  return portalAccessForm(prev, form);
}

export async function sendInvitation(prev: PortalActionState, form: FormData): Promise<PortalActionState> {
  return invitationForm(prev, form);
}

export async function removeSecondStep(prev: PortalActionState, form: FormData): Promise<PortalActionState> {
  return removeSecondStepForm(prev, form);
}

export async function unlockPatientAccount(prev: PortalActionState, form: FormData): Promise<PortalActionState> {
  return unlockForm(prev, form);
}
