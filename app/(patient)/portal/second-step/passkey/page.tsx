// Adding a passkey as a second step (or to sign in without a password). Passkeys need JavaScript; the page
// says so and points to the other ways.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePatient } from "@/lib/auth/dal";
import { BackToPortal } from "../back-to-portal";
import { AddPasskeyForm } from "./add-passkey-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("secondStep.passkey"))("title") };
}

export default async function AddPasskeyPage() {
  await requirePatient();
  const t = await getTranslations("secondStep.passkey");
  return (
    <main id="main" className="narrow">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <p>{t("needsJs")}</p>
      <AddPasskeyForm />
      <p>
        {t.rich("otherWays", {
          email: (c) => <a href="/portal/second-step/email">{c}</a>,
          app: (c) => <a href="/portal/second-step/app">{c}</a>,
        })}
      </p>
      <BackToPortal />
    </main>
  );
}
