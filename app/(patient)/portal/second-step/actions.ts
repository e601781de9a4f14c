"use server";
// The signed-in patient adding and removing their own second steps (issue 12): an emailed code, an authenticator
// app, a passkey. The wrapper checks the session first; every write is scoped to the caller's own account.
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requestLocale } from "@/lib/i18n/request-locale";
import type { AddAuthenticatorState } from "@/app/_components/authenticator-setup-form";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { putOffOffer } from "@/lib/auth/second-step-offer-cookie";
import { getConfig } from "@/lib/config";
import { patientRef } from "@/lib/second-factor/account-ref";
import { addAuthenticator } from "@/lib/second-factor/add-authenticator";
import { addEmailCodeFactor } from "@/lib/second-factor/add-email-code-factor";
import { showAuthenticatorOfferAgain } from "@/lib/second-factor/authenticator-qr";
import { sendEmailCode } from "@/lib/second-factor/email-code";
import { removeSecondFactors } from "@/lib/second-factor/remove-second-factors";
import { addPasskeySchema } from "@/lib/validation/passkey";
import { addEmailFactorSchema, removeFactorSchema } from "@/lib/validation/patient-second-step";
import { addAuthenticatorSchema } from "@/lib/validation/second-step";
import { passkeyRegistrationOptions, savePasskey } from "@/lib/webauthn/register-passkey";
import { kickWorkers } from "@/lib/workers/kick";

// Back to the portal, which says what happened (no PHI in the address: just which outcome).
function added(): never {
  redirect("/portal?done=added");
}

// --- Emailed codes: send a code to the address on file, then check the one typed.

const sendCodeForm = formAction({ caller: "patient", fields: {} }, async (_input, { caller }) => {
  const db = await getDb();
  const locale = await requestLocale();
  const sent = await db.transaction((tx) =>
    sendEmailCode(tx, { patientId: caller.patientId, purpose: "add_factor", locale, now: new Date() }),
  );
  kickWorkers();
  redirect(`/portal/second-step/email?sent=${sent.sent || sent.reusedRecent ? "1" : "0"}`);
});

export async function sendAddFactorCode() {
  await sendCodeForm();
}

export type AddEmailFactorState = FormState<"code">;

const addEmailForm = formAction(
  { caller: "patient", fields: { code: "secret" }, schema: addEmailFactorSchema },
  async (input, { caller }): Promise<AddEmailFactorState> => {
    const result = await addEmailCodeFactor(await getDb(), {
      patientId: caller.patientId,
      code: input.code,
      now: new Date(),
    });
    if (!result.ok && result.reason !== "already_on") {
      const t = await getTranslations("secondStep.email.refused");
      return { errors: { code: [t(result.reason)] } };
    }
    return added();
  },
);

export async function addEmailFactor(prev: AddEmailFactorState, form: FormData): Promise<AddEmailFactorState> {
  return addEmailForm(prev, form);
}

// --- An authenticator app: the key offered on the page comes back sealed with the first code.

const addAppForm = formAction(
  {
    caller: "patient",
    fields: { offer: "text", code: "secret", name: "text" },
    schema: addAuthenticatorSchema,
    hidden: ["offer"],
    echoLimit: { offer: 1_000 },
  },
  async (input, { caller }): Promise<AddAuthenticatorState> => {
    const db = await getDb();
    const now = new Date();
    const owner = patientRef(caller.patientId);
    const result = await addAuthenticator(db, {
      owner,
      sealedOffer: input.offer,
      code: input.code,
      name: input.name,
      now,
    });
    if (result.ok) return added();
    const offer = await showAuthenticatorOfferAgain(input.offer, {
      owner,
      issuer: getConfig().PRACTICE_NAME,
      accountName: caller.username,
      now,
    });
    // The offer is older than 20 minutes: start again with a fresh key.
    if (!offer) redirect("/portal/second-step/app");
    const t = await getTranslations("secondStep.app");
    return { errors: { code: [t("codeRefused")] }, result: { offer } };
  },
);

export async function addPatientAuthenticator(
  prev: AddAuthenticatorState,
  form: FormData,
): Promise<AddAuthenticatorState> {
  return addAppForm(prev, form);
}

// --- A passkey: the browser's ceremony needs options first, then its answer comes back through the form.

export type PatientPasskeyOptionsState = FormState<never, PublicKeyCredentialCreationOptionsJSON>;

const passkeyOptionsForm = formAction(
  { caller: "patient", fields: {} },
  async (_input, { caller }): Promise<PatientPasskeyOptionsState> => {
    const options = await passkeyRegistrationOptions(await getDb(), {
      owner: patientRef(caller.patientId),
      userName: caller.username,
      userDisplayName: caller.firstName,
      now: new Date(),
    });
    return { result: options };
  },
);

export async function patientPasskeyOptions(
  prev: PatientPasskeyOptionsState,
  form: FormData,
): Promise<PatientPasskeyOptionsState> {
  return passkeyOptionsForm(prev, form);
}

export type AddPasskeyState = FormState<"response" | "name">;

const addPasskeyForm = formAction(
  { caller: "patient", fields: { response: "secret", name: "text" }, schema: addPasskeySchema },
  async (input, { caller }): Promise<AddPasskeyState> => {
    const saved = await savePasskey(await getDb(), {
      owner: patientRef(caller.patientId),
      response: input.response,
      name: input.name,
      now: new Date(),
    });
    if (!saved.ok) return { error: (await getTranslations("secondStep.passkey.notAdded"))(saved.reason) };
    return added();
  },
);

export async function addPatientPasskey(prev: AddPasskeyState, form: FormData): Promise<AddPasskeyState> {
  return addPasskeyForm(prev, form);
}

// --- Removing one, after the patient ticked that they mean it.

export type RemoveFactorState = FormState<"factorId" | "confirm">;

const removeForm = formAction(
  {
    caller: "patient",
    fields: { factorId: "text", confirm: "checkbox" },
    schema: removeFactorSchema,
    hidden: ["factorId"],
  },
  async (input, { caller }): Promise<RemoveFactorState> => {
    const db = await getDb();
    const locale = await requestLocale();
    const result = await db.transaction((tx) =>
      removeSecondFactors(tx, {
        owner: patientRef(caller.patientId),
        factorId: input.factorId,
        removedBy: { by: "owner" },
        locale,
        now: new Date(),
      }),
    );
    // "none": removed a moment ago (another tab), or never theirs: either way it is not on their account.
    if (!result.ok) redirect("/portal");
    kickWorkers();
    redirect("/portal?done=removed");
  },
);

export async function removePatientFactor(prev: RemoveFactorState, form: FormData): Promise<RemoveFactorState> {
  return removeForm(prev, form);
}

// --- "Not now" on the invitation panel: remembered in this browser.

const notNowForm = formAction({ caller: "patient", fields: {} }, async (_input, { caller }) => {
  await putOffOffer(caller.patientId);
  redirect("/portal");
});

export async function putOffSecondStepOffer() {
  await notNowForm();
}
