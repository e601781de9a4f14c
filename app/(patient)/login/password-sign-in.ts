// Patient sign-in, first step. One message for unknown user, wrong password and locked account; access switched
// off is named only to someone who gave the right password. A patient with a second step goes on to it, unless
// this browser is one they chose to trust. The answer names the page to go on to; the cookies it needs (the
// session, or the pending sign-in) are set here. Two doors lead in: the route handler the form posts to with
// JavaScript (./sign-in/route.ts), and the server action the same form posts to without it (./actions.ts).
import "server-only";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { formAction } from "@/app/_lib/form-action";
import { startSession } from "@/lib/auth/finish-sign-in";
import { setPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { patientPasswordStep } from "@/lib/auth/password-step";
import { readTrustedDeviceCookie } from "@/lib/auth/trusted-device-cookie";
import { getConfig } from "@/lib/config";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translator";
import { patientSignInSchema } from "@/lib/validation/patient-sign-in";
import type { PatientSignInState } from "./sign-in-state";

export const passwordSignIn = formAction(
  { caller: "public", fields: { username: "text", password: "secret" }, schema: patientSignInSchema },
  async (input, context): Promise<PatientSignInState> => {
    const locale = await requestLocale();
    const step = await patientPasswordStep(await getDb(), {
      ...input,
      trustedDevice: (await readTrustedDeviceCookie()) ?? undefined,
      locale,
      address: await context.ipHash(),
      now: new Date(),
      defer: after,
    });
    const t = translator(locale, "signIn");
    switch (step.outcome) {
      case "access_off": {
        const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
        return { error: t("login.accessOff", { practice: PRACTICE_NAME, phone: PRACTICE_PHONE }) };
      }
      case "done":
        if (await startSession({ passed: step.passed })) return { result: { next: "/portal" } };
        return { error: t("login.notRight") };
      case "second_step":
        await setPendingSignInCookie(step.token);
        return { result: { next: "/login/second-step" } };
      default:
        return { error: t("login.notRight") };
    }
  },
);
