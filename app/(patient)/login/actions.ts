"use server";
// Patient sign-in, first step. One message for unknown user, wrong password and locked account; access switched
// off is named only to someone who gave the right password. A patient with a second step goes on to it, unless
// this browser is one they chose to trust. Or, with no username or password typed, a passkey they added.
import { after } from "next/server";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { formAction } from "@/app/_lib/form-action";
import {
  type PasskeyOptionsState,
  type PasskeySignInState,
  passkeyOptionsAction,
  passkeySignInAction,
} from "@/app/_lib/passkey-actions";
import type { FormState } from "@/app/_lib/form-state";
import { finishSignIn } from "@/lib/auth/finish-sign-in";
import { setPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { patientPasswordStep } from "@/lib/auth/password-step";
import { readTrustedDeviceCookie } from "@/lib/auth/trusted-device-cookie";
import { getConfig } from "@/lib/config";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translator";
import { patientSignInSchema } from "@/lib/validation/patient-sign-in";

const signInForm = formAction(
  { caller: "public", fields: { username: "text", password: "secret" }, schema: patientSignInSchema },
  async (input, context) => {
    const step = await patientPasswordStep(await getDb(), {
      ...input,
      trustedDevice: (await readTrustedDeviceCookie()) ?? undefined,
      locale: await requestLocale(),
      address: await context.ipHash(),
      now: new Date(),
      defer: after,
    });
    const t = translator(await requestLocale(), "signIn");
    switch (step.outcome) {
      case "access_off": {
        const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
        return { error: t("login.accessOff", { practice: PRACTICE_NAME, phone: PRACTICE_PHONE }) };
      }
      case "done":
        await finishSignIn({ passed: step.passed }, "/portal");
        return { error: t("login.notRight") };
      case "second_step":
        await setPendingSignInCookie(step.token);
        return redirect("/login/second-step");
      default:
        return { error: t("login.notRight") };
    }
  },
);

export async function signInPatient(prev: PatientSignInState, form: FormData): Promise<PatientSignInState> {
  return signInForm(prev, form);
}

export type PatientSignInState = FormState<"username" | "password">;

const passkeyOptions = passkeyOptionsAction("patient", { pending: false });

export async function patientPasskeyOptions(prev: PasskeyOptionsState, form: FormData): Promise<PasskeyOptionsState> {
  return passkeyOptions(prev, form);
}

const passkeySignIn = passkeySignInAction("patient", "/portal");

export async function signInPatientWithPasskey(prev: PasskeySignInState, form: FormData): Promise<PasskeySignInState> {
  return passkeySignIn(prev, form);
}
