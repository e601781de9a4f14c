// Adding an authenticator app as a second step: the key as a QR code and as text, then the first code the app
// shows. Works without JavaScript (the QR code is drawn on the server).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthenticatorSetupForm } from "@/app/_components/authenticator-setup-form";
import { requirePatient } from "@/lib/auth/dal";
import { getConfig } from "@/lib/config";
import { patientRef } from "@/lib/second-factor/account-ref";
import { newAuthenticatorOffer } from "@/lib/second-factor/authenticator-qr";
import { addPatientAuthenticator } from "../actions";
import { BackToPortal } from "../back-to-portal";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("secondStep.app"))("title") };
}

export default async function AddAuthenticatorPage() {
  const patient = await requirePatient();
  const t = await getTranslations("secondStep.app");
  const offer = await newAuthenticatorOffer({
    owner: patientRef(patient.patientId),
    issuer: getConfig().PRACTICE_NAME,
    accountName: patient.username,
    now: new Date(),
  });
  return (
    <main id="main" className="narrow">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <AuthenticatorSetupForm offer={offer} action={addPatientAuthenticator} submitLabel={t("submit")} />
      <BackToPortal />
    </main>
  );
}
