"use server";
// Staff actions on one patient. Each checks the caller is signed-in staff, validates with zod, calls lib/.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/dal";
import { updateBasicData } from "@/lib/patients/update-basic-data";
import { setPortalAccess } from "@/lib/patients/set-portal-access";
import { sendPortalInvitation } from "@/lib/patients/send-portal-invitation";
import { EMAIL_CHANGE_CONFIRM_HOURS } from "@/lib/patients/email-changed-recently";
import { unlockAccount } from "@/lib/patients/unlock-account";
import { REASON_TEXT } from "@/lib/patients/portal-status-text";
import { basicDataSchema, type BasicDataField } from "@/lib/validation/patient-record";
import { kickWorkers } from "@/lib/workers/kick";

const patientId = z.uuid();
const idOf = (form: FormData) => patientId.safeParse(form.get("patientId"));

export type BasicDataState = {
  errors?: Partial<Record<BasicDataField, string[]>>;
  message?: string;
  saved?: boolean;
  values?: Partial<Record<BasicDataField, string>>;
  version?: number;
};

const FIELDS: BasicDataField[] = [
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
];

export async function saveBasicData(_prev: BasicDataState, form: FormData): Promise<BasicDataState> {
  const staff = await requireStaff();
  const id = idOf(form);
  const version = z.coerce.number().int().positive().safeParse(form.get("version"));
  const raw = Object.fromEntries(
    FIELDS.map((f) => [f, typeof form.get(f) === "string" ? String(form.get(f)).slice(0, 2000) : ""]),
  );
  if (!id.success || !version.success)
    return { message: "This form is out of date. Reload the page and try again.", values: raw };
  const parsed = basicDataSchema.safeParse(raw);
  if (!parsed.success)
    return {
      errors: z.flattenError(parsed.error).fieldErrors as BasicDataState["errors"],
      values: raw,
      version: version.data,
    };
  const result = await updateBasicData(await getDb(), {
    patientId: id.data,
    expectedVersion: version.data,
    data: parsed.data,
    staffId: staff.id,
    now: new Date(),
  });
  if (!result.ok && result.reason === "not_found") return { message: "This patient no longer exists." };
  if (!result.ok) {
    const current = Object.fromEntries(FIELDS.map((f) => [f, displayValue(f, result.current[f])]));
    return {
      message:
        "This record changed since you opened it. Nothing was saved. The current values are shown below: check them and make your change again.",
      values: current,
      version: result.version,
    };
  }
  if (result.emailChanged) kickWorkers();
  revalidatePath(`/admin/patients/${id.data}`);
  return {
    saved: true,
    values: raw,
    version: result.version,
    message: !result.emailChanged
      ? "Saved."
      : result.noticeHeld
        ? "Saved. Any links sent before were cancelled. The notice to the old email address was held: that address has already received the most emails we send in an hour or a day."
        : "Saved. The old email address was told about the change, and any links sent before were cancelled.",
  };
}

// Dates are shown to staff as MM/DD/YYYY; everything else as stored.
function displayValue(field: BasicDataField, value: string | null): string {
  if (!value) return "";
  if (field === "dateOfBirth") {
    const [y, m, d] = value.split("-");
    return `${m}/${d}/${y}`;
  }
  return value;
}

export type PortalActionState = { message?: string; error?: string; needsEmailChangeConfirmation?: boolean };

export async function savePortalAccess(_prev: PortalActionState, form: FormData): Promise<PortalActionState> {
  const staff = await requireStaff();
  const id = idOf(form);
  if (!id.success) return { error: "This form is out of date. Reload the page and try again." };
  const enabled = form.get("portalAccessEnabled") === "on";
  const db = await getDb();
  const result = await db.transaction((tx) =>
    setPortalAccess(tx, { patientId: id.data, enabled, by: { staffId: staff.id }, now: new Date() }),
  );
  if (!result.ok) return { error: "This patient no longer exists." };
  revalidatePath(`/admin/patients/${id.data}`);
  return {
    message: enabled
      ? "Portal access is on. Nothing was sent: use “Send invitation/reset email” when the patient is ready."
      : "Portal access is off. The patient's sessions have ended and their links no longer work.",
  };
}

export async function sendInvitation(_prev: PortalActionState, form: FormData): Promise<PortalActionState> {
  const staff = await requireStaff();
  const id = idOf(form);
  if (!id.success) return { error: "This form is out of date. Reload the page and try again." };
  const confirmed = form.get("emailChangeConfirmed") === "on";
  const db = await getDb();
  const result = await db.transaction((tx) =>
    sendPortalInvitation(tx, {
      patientId: id.data,
      staffId: staff.id,
      via: "staff",
      emailChangeConfirmed: confirmed,
      now: new Date(),
    }),
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
          error: `The email address was changed less than ${EMAIL_CHANGE_CONFIRM_HOURS} hours ago. Confirm that you checked the change with the patient (for example by calling the number on file) before sending a link to the new address.`,
          needsEmailChangeConfirmation: true,
        };
    }
  }
  kickWorkers();
  revalidatePath(`/admin/patients/${id.data}`);
  if (!result.queued)
    return {
      error:
        "Not sent: this email address has already received the most emails we send in an hour or a day. Try again later.",
    };
  return {
    message:
      result.kind === "setup"
        ? "Invitation queued: the patient will get a link to set up their account (valid 7 days)."
        : "Reset email queued: the patient will get a link to choose a new password (valid 1 hour).",
  };
}

export async function unlockPatientAccount(_prev: PortalActionState, form: FormData): Promise<PortalActionState> {
  const staff = await requireStaff();
  const id = idOf(form);
  if (!id.success) return { error: "This form is out of date. Reload the page and try again." };
  const result = await unlockAccount(await getDb(), { patientId: id.data, staffId: staff.id });
  revalidatePath(`/admin/patients/${id.data}`);
  return result.ok
    ? { message: "Unlocked. The patient can sign in again, or you can send a reset email." }
    : { error: "This patient has no portal account." };
}
