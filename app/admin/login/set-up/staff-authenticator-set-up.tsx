"use client";
// The set-up form for a staff member's first authenticator app; once it is added, their recovery codes (shown
// this once) and the way on to the staff pages.
import { AuthenticatorSetupForm } from "@/app/_components/authenticator-setup-form";
import { RecoveryCodesList } from "@/app/_components/recovery-codes-list";
import type { AuthenticatorOfferView } from "@/lib/second-factor/authenticator-qr";
import { setUpStaffAuthenticator } from "./actions";
import { ContinueSignIn } from "./continue-sign-in";

export function StaffAuthenticatorSetUp({
  offer,
  practiceName,
}: {
  offer: AuthenticatorOfferView;
  practiceName: string;
}) {
  return (
    <AuthenticatorSetupForm
      offer={offer}
      action={setUpStaffAuthenticator}
      submitLabel="Turn on two-step sign-in"
      done={(result) => (
        <>
          <p className="notice" role="status">
            Your authenticator app is set up.
          </p>
          <RecoveryCodesList codes={result.recoveryCodes ?? []} practiceName={practiceName} />
          <ContinueSignIn label="I have saved my codes: continue" />
        </>
      )}
    />
  );
}
