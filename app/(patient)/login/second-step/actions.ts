"use server";
// Patient sign-in, second step: a passkey, a code from an authenticator app or one emailed to the address on file.
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import {
  type PasskeyOptionsState,
  type PasskeySignInState,
  passkeyOptionsAction,
  passkeySecondStepAction,
} from "@/app/_lib/passkey-actions";
import { secondStepAction, type SecondStepState } from "@/app/_lib/second-step-action";
import { currentPendingSignIn } from "@/lib/auth/pending-sign-in-cookie";
import { sendEmailCode } from "@/lib/second-factor/email-code";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translator";

const patientSecondStep = secondStepAction("patient", "/portal");

export async function verifyPatientSecondStep(prev: SecondStepState, form: FormData): Promise<SecondStepState> {
  return patientSecondStep(prev, form);
}

const sendCodeForm = formAction({ caller: "public", fields: {} }, async () => {
  const pending = await currentPendingSignIn("patient");
  if (!pending || pending.passed) return { error: translator(await requestLocale(), "signIn")("timedOut.message") };
  const db = await getDb();
  const locale = await requestLocale();
  const sent = await db.transaction((tx) =>
    sendEmailCode(tx, { patientId: pending.owner.id, purpose: "sign_in", locale, now: new Date() }),
  );
  redirect(
    sent.sent || sent.reusedRecent
      ? "/login/second-step?method=email&sent=1"
      : "/login/second-step?method=email&sent=0",
  );
});

export async function sendPatientSignInCode(prev: FormState<never>, form: FormData): Promise<FormState<never>> {
  return sendCodeForm(prev, form);
}

const passkeyOptions = passkeyOptionsAction("patient", { pending: true });

export async function patientSecondStepPasskeyOptions(
  prev: PasskeyOptionsState,
  form: FormData,
): Promise<PasskeyOptionsState> {
  return passkeyOptions(prev, form);
}

const passkeySecondStep = passkeySecondStepAction("patient", "/portal");

export async function verifyPatientSecondStepPasskey(
  prev: PasskeySignInState,
  form: FormData,
): Promise<PasskeySignInState> {
  return passkeySecondStep(prev, form);
}
