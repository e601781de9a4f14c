"use client";
// "Add another authenticator app": the shared setup form, answered by this page's action, and a plain line once
// the app is added (the list above shows it after the page refreshes).
import { AuthenticatorSetupForm } from "@/app/_components/authenticator-setup-form";
import type { AuthenticatorOfferView } from "@/lib/second-factor/authenticator-qr";
import { addStaffAuthenticator } from "./actions";

export function AddAppForm({ offer }: { offer: AuthenticatorOfferView }) {
  return (
    <AuthenticatorSetupForm
      offer={offer}
      action={addStaffAuthenticator}
      submitLabel="Add this app"
      done={() => (
        <p className="notice" role="status">
          The authenticator app was added. You can use it at your next sign-in.
        </p>
      )}
    />
  );
}
