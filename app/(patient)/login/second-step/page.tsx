// Patient sign-in, second step. Only a live pending sign-in (the password was right a moment ago) sees the form.
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listFactors } from "@/db/queries/second-factors";
import { PasskeySignInForm } from "@/app/_components/passkey-sign-in-form";
import { SecondStepForm } from "@/app/_components/second-step-form";
import { SignInTimedOut } from "@/app/_components/sign-in-timed-out";
import { currentPendingSignIn } from "@/lib/auth/pending-sign-in-cookie";
import { getConfig } from "@/lib/config";
import { EMAIL_CODE } from "@/lib/second-factor/email-code";
import { patientSecondStepPasskeyOptions, verifyPatientSecondStep, verifyPatientSecondStepPasskey } from "./actions";
import { SendCodeButton } from "./send-code-button";

export async function generateMetadata() {
  const t = await getTranslations("signIn.secondStep");
  return { title: t("title") };
}

export default async function PatientSecondStepPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const pending = await currentPendingSignIn("patient");
  const t = await getTranslations("signIn.secondStep");
  if (!pending || pending.passed) {
    return (
      <main id="main" className="narrow">
        <SignInTimedOut signInHref="/login" />
      </main>
    );
  }
  const params = await searchParams;
  const kinds = new Set((await listFactors(await getDb(), pending.owner)).map((f) => f.kind));
  const hasPasskey = kinds.has("passkey");
  const showPasskey = hasPasskey && params.method !== "email";
  // No code was emailed at the password for a patient who also has a passkey or an app: they ask for one.
  const useEmail = kinds.has("email") && (params.method === "email" || (!kinds.has("totp") && !hasPasskey));
  const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
  return (
    <main id="main" className="narrow">
      <h1>{t("heading")}</h1>
      {showPasskey && (
        <section aria-labelledby="passkey-step-title">
          <h2 id="passkey-step-title">{t("passkeyTitle")}</h2>
          <p>{t("passkeyIntro", { practice: PRACTICE_NAME })}</p>
          <PasskeySignInForm
            action={verifyPatientSecondStepPasskey}
            options={patientSecondStepPasskeyOptions}
            label={t("passkeyTitle")}
            otherWay={kinds.has("totp") || kinds.has("email") ? t("passkeyOtherCode") : t("passkeyOtherHelp")}
            offerTrust
          />
        </section>
      )}
      {useEmail ? (
        <>
          {params.sent === "0" ? (
            <p className="notice" role="status">
              {t("tooManyCodes")}
            </p>
          ) : (
            <p>{t("emailed", { digits: EMAIL_CODE.digits, minutes: EMAIL_CODE.minutes })}</p>
          )}
          <SecondStepForm
            action={verifyPatientSecondStep}
            method="email_code"
            label={t("emailCodeLabel")}
            hint={t("codeHint", { digits: EMAIL_CODE.digits })}
            offerTrust
          />
          <SendCodeButton label={t("sendNewCode")} />
          {(kinds.has("totp") || hasPasskey) && (
            <p>
              <a href="/login/second-step">{kinds.has("totp") ? t("useAppInstead") : t("usePasskeyInstead")}</a>
            </p>
          )}
        </>
      ) : kinds.has("totp") ? (
        <>
          {showPasskey && <h2>{t("orAppCode")}</h2>}
          <p>{t("appIntro", { practice: PRACTICE_NAME })}</p>
          <SecondStepForm
            action={verifyPatientSecondStep}
            method="totp"
            label={t("appCodeLabel")}
            hint={t("codeHint", { digits: 6 })}
            offerTrust
          />
          {kinds.has("email") && <SendCodeButton label={t("emailMeInstead")} />}
        </>
      ) : kinds.has("email") ? (
        <SendCodeButton label={t("emailMeInstead")} />
      ) : null}
      <h2>{t("cannotGetCode")}</h2>
      <p>
        {t.rich("help", {
          practice: PRACTICE_NAME,
          phone: PRACTICE_PHONE,
          link: (words) => <a href="/second-step-help">{words}</a>,
        })}
      </p>
    </main>
  );
}
