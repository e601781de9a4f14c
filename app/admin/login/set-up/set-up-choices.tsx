"use client";
// The two ways a staff member sets up two-step sign-in: an authenticator app (works without JavaScript) or a
// passkey (needs it, and says so). Either ends in the same view: the recovery codes, shown once, then continue.
import { useActionState } from "react";
import { type AddAuthenticatorResult, AuthenticatorSetupForm } from "@/app/_components/authenticator-setup-form";
import { ErrorSummary } from "@/app/_components/error-summary";
import { PasskeyButton } from "@/app/_components/passkey-button";
import { RecoveryCodesList } from "@/app/_components/recovery-codes-list";
import type { AuthenticatorOfferView } from "@/lib/second-factor/authenticator-qr";
import {
  type SetUpPasskeyState,
  setUpStaffAuthenticator,
  setUpStaffPasskey,
  staffPasskeyRegistrationOptions,
} from "./actions";
import { ContinueSignIn } from "./continue-sign-in";

function SetUpDone({
  what,
  result,
  practiceName,
}: {
  what: string;
  result: AddAuthenticatorResult;
  practiceName: string;
}) {
  return (
    <>
      <p className="notice" role="status">
        {what}
      </p>
      <RecoveryCodesList codes={result.recoveryCodes ?? []} practiceName={practiceName} />
      <ContinueSignIn label="I have saved my codes: continue" />
    </>
  );
}

export function SetUpChoices({ offer, practiceName }: { offer: AuthenticatorOfferView; practiceName: string }) {
  const [passkey, passkeyAction] = useActionState<SetUpPasskeyState, FormData>(setUpStaffPasskey, {});
  if (passkey.message && passkey.result)
    return <SetUpDone what="Your passkey is set up." result={passkey.result} practiceName={practiceName} />;
  return (
    <>
      <h2>Add an authenticator app</h2>
      <AuthenticatorSetupForm
        offer={offer}
        action={setUpStaffAuthenticator}
        submitLabel="Turn on two-step sign-in"
        done={(result) => (
          <SetUpDone what="Your authenticator app is set up." result={result} practiceName={practiceName} />
        )}
        after={
          <section aria-labelledby="passkey-set-up-title" className="passkey-set-up">
            <h2 id="passkey-set-up-title">Or use a passkey instead</h2>
            <p>
              A passkey is kept by this computer, your phone or a security key, and unlocks with your fingerprint, face
              or PIN. With a passkey you can also sign in without typing your password.
            </p>
            <form action={passkeyAction} noValidate>
              <ErrorSummary errors={passkey.errors} message={passkey.error} labels={{ response: "Passkey" }} />
              <PasskeyButton
                ceremony="register"
                getOptions={() => staffPasskeyRegistrationOptions({}, new FormData())}
                label="Use a passkey instead"
                otherWay="Set up an authenticator app instead, above."
              />
            </form>
          </section>
        }
      />
    </>
  );
}
