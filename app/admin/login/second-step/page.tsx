// Staff sign-in, second step. Only a live pending sign-in (the password was right a moment ago) sees the form.
import { getDb } from "@/db/client";
import { listFactors } from "@/db/queries/second-factors";
import { PasskeySignInForm } from "@/app/_components/passkey-sign-in-form";
import { SecondStepForm } from "@/app/_components/second-step-form";
import { SignInTimedOut } from "@/app/_components/sign-in-timed-out";
import { currentPendingSignIn } from "@/lib/auth/pending-sign-in-cookie";
import { staffSecondStepPasskeyOptions, verifyStaffSecondStep, verifyStaffSecondStepPasskey } from "./actions";

export const metadata = { title: "Staff sign-in: second step" };

export default async function StaffSecondStepPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const pending = await currentPendingSignIn("staff");
  if (!pending || pending.passed || pending.purpose !== "second_step") {
    return (
      <main id="main" className="narrow">
        <SignInTimedOut signInHref="/admin/login" />
      </main>
    );
  }
  const factors = await listFactors(await getDb(), pending.owner);
  const hasApp = factors.some((f) => f.kind === "totp");
  const hasPasskey = factors.some((f) => f.kind === "passkey");
  const recovery = (await searchParams).method === "recovery" || (!hasApp && !hasPasskey);
  return (
    <main id="main" className="narrow">
      <h1>Confirm it is you</h1>
      {hasPasskey && !recovery && (
        <section aria-labelledby="passkey-step-title">
          <h2 id="passkey-step-title">Use your passkey</h2>
          <p>Use the passkey you set up for your staff account: your fingerprint, face, PIN or security key.</p>
          <PasskeySignInForm
            action={verifyStaffSecondStepPasskey}
            options={staffSecondStepPasskeyOptions}
            label="Use your passkey"
            otherWay={hasApp ? "Type the code from your authenticator app instead." : "Use a recovery code instead."}
          />
        </section>
      )}
      {recovery ? (
        <>
          <p>Type one of the recovery codes you saved when you set up two-step sign-in. Each code works once.</p>
          <SecondStepForm
            action={verifyStaffSecondStep}
            method="recovery_code"
            label="Recovery code"
            hint="12 letters and numbers, for example ABCD-EFGH-JKMN."
          />
          {(hasApp || hasPasskey) && (
            <p>
              <a href="/admin/login/second-step">
                {hasApp ? "Use the code from your authenticator app instead" : "Use your passkey instead"}
              </a>
            </p>
          )}
        </>
      ) : !hasApp ? (
        <p>
          <a href="/admin/login/second-step?method=recovery">Lost your passkey? Use a recovery code</a>
        </p>
      ) : (
        <>
          {hasPasskey && <h2>Or type a code from your authenticator app</h2>}
          <p>Open the authenticator app on your phone and type the 6-digit code it shows for this practice.</p>
          <SecondStepForm
            action={verifyStaffSecondStep}
            method="totp"
            label="Code from your authenticator app"
            hint="6 digits, for example 123456."
          />
          <p>
            <a href="/admin/login/second-step?method=recovery">Lost your phone? Use a recovery code</a>
          </p>
        </>
      )}
      <p>No code and no recovery code left? Ask a practice administrator to reset your two-step sign-in.</p>
    </main>
  );
}
