// Patient sign-in, second step. Only a live pending sign-in (the password was right a moment ago) sees the form.
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

export const metadata = { title: "Sign in: second step" };

export default async function PatientSecondStepPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const pending = await currentPendingSignIn("patient");
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
      <h1>Confirm it is you</h1>
      {showPasskey && (
        <section aria-labelledby="passkey-step-title">
          <h2 id="passkey-step-title">Use your passkey</h2>
          <p>Use the passkey you added for {PRACTICE_NAME}: your fingerprint, face, PIN or security key.</p>
          <PasskeySignInForm
            action={verifyPatientSecondStepPasskey}
            options={patientSecondStepPasskeyOptions}
            label="Use your passkey"
            otherWay={
              kinds.has("totp") || kinds.has("email") ? "Use a code instead, below." : "Get help signing in, below."
            }
            offerTrust
          />
        </section>
      )}
      {useEmail ? (
        <>
          {params.sent === "0" ? (
            <p className="notice" role="status">
              We could not send another code right now, because several were sent recently. Use the newest code you
              received, or try again in an hour.
            </p>
          ) : (
            <p>
              We emailed a {EMAIL_CODE.digits}-digit code to the email address we have on file for you. It works for{" "}
              {EMAIL_CODE.minutes} minutes. It can take a minute to arrive; check your spam folder too.
            </p>
          )}
          <SecondStepForm
            action={verifyPatientSecondStep}
            method="email_code"
            label="Code from the email"
            hint={`${EMAIL_CODE.digits} digits, for example 123456.`}
            offerTrust
          />
          <SendCodeButton label="Send a new code" />
          {(kinds.has("totp") || hasPasskey) && (
            <p>
              <a href="/login/second-step">
                {kinds.has("totp") ? "Use your authenticator app instead" : "Use your passkey instead"}
              </a>
            </p>
          )}
        </>
      ) : kinds.has("totp") ? (
        <>
          {showPasskey && <h2>Or type a code from your authenticator app</h2>}
          <p>Open the authenticator app on your phone and type the 6-digit code it shows for {PRACTICE_NAME}.</p>
          <SecondStepForm
            action={verifyPatientSecondStep}
            method="totp"
            label="Code from your authenticator app"
            hint="6 digits, for example 123456."
            offerTrust
          />
          {kinds.has("email") && <SendCodeButton label="Email me a code instead" />}
        </>
      ) : kinds.has("email") ? (
        <SendCodeButton label="Email me a code instead" />
      ) : null}
      <h2>Cannot get a code?</h2>
      <p>
        <a href="/second-step-help">Get help signing in</a> with your email address, last name, date of birth and ZIP
        code, or call {PRACTICE_NAME} at {PRACTICE_PHONE}.
      </p>
    </main>
  );
}
