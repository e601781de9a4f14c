// Adding a passkey as a second step (or to sign in without a password). Passkeys need JavaScript; the page
// says so and points to the other ways.
import { requirePatient } from "@/lib/auth/dal";
import { BackToPortal } from "../back-to-portal";
import { AddPasskeyForm } from "./add-passkey-form";

export const metadata = { title: "Add a passkey" };

export default async function AddPasskeyPage() {
  await requirePatient();
  return (
    <main id="main" className="narrow">
      <h1>Add a passkey</h1>
      <p>
        A passkey is kept by this computer, your phone or a security key, and unlocks with your fingerprint, face or
        PIN. Once you have one, you can also sign in with it alone, without typing your password.
      </p>
      <p>Passkeys need JavaScript turned on in your browser.</p>
      <AddPasskeyForm />
      <p>
        No fingerprint, face or PIN on this device? <a href="/portal/second-step/email">Get codes by email</a> or{" "}
        <a href="/portal/second-step/app">add an authenticator app</a> instead.
      </p>
      <BackToPortal />
    </main>
  );
}
