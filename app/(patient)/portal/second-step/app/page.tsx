// Adding an authenticator app as a second step: the key as a QR code and as text, then the first code the app
// shows. Works without JavaScript (the QR code is drawn on the server).
import { AuthenticatorSetupForm } from "@/app/_components/authenticator-setup-form";
import { requirePatient } from "@/lib/auth/dal";
import { getConfig } from "@/lib/config";
import { patientRef } from "@/lib/second-factor/account-ref";
import { newAuthenticatorOffer } from "@/lib/second-factor/authenticator-qr";
import { addPatientAuthenticator } from "../actions";
import { BackToPortal } from "../back-to-portal";

export const metadata = { title: "Add an authenticator app" };

export default async function AddAuthenticatorPage() {
  const patient = await requirePatient();
  const offer = await newAuthenticatorOffer({
    owner: patientRef(patient.patientId),
    issuer: getConfig().PRACTICE_NAME,
    accountName: patient.username,
    now: new Date(),
  });
  return (
    <main id="main" className="narrow">
      <h1>Add an authenticator app</h1>
      <p>
        An authenticator app on your phone shows a new 6-digit code every 30 seconds. After your password, we will ask
        for the code it shows. It works even when your phone has no signal.
      </p>
      <AuthenticatorSetupForm offer={offer} action={addPatientAuthenticator} submitLabel="Add this app" />
      <BackToPortal />
    </main>
  );
}
