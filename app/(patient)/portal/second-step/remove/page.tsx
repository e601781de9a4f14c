// "Remove" next to a second step on the portal opens this page: what goes, what stays, and a box to tick.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listFactors } from "@/db/queries/second-factors";
import { requirePatient } from "@/lib/auth/dal";
import { patientRef } from "@/lib/second-factor/account-ref";
import { factorTitle } from "@/lib/second-factor/factor-description";
import { factorIdSchema } from "@/lib/validation/patient-second-step";
import { BackToPortal } from "../back-to-portal";
import { RemoveFactorForm } from "./remove-factor-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("secondStep.remove"))("title") };
}

export default async function RemoveFactorPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const patient = await requirePatient();
  const id = factorIdSchema.safeParse((await searchParams).id);
  const factors = await listFactors(await getDb(), patientRef(patient.patientId));
  // Only the patient's own factors: any other id reads as not found.
  const factor = id.success ? factors.find((f) => f.id === id.data) : undefined;
  if (!factor) notFound();
  const [t, locale] = await Promise.all([getTranslations("secondStep.remove"), getLocale()]);
  const what = factorTitle(factor, locale, "inSentence");
  const last = factors.length === 1;
  return (
    <main id="main" className="narrow">
      <h1>{t("heading", { what })}</h1>
      <p>
        {last ? t("onlyOne") : t("othersStay")} {t("trustedAgain")}
      </p>
      <RemoveFactorForm factorId={factor.id} what={what} />
      <BackToPortal />
    </main>
  );
}
