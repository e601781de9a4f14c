// "Remove" next to a second step on the portal opens this page: what goes, what stays, and a box to tick.
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { listFactors } from "@/db/queries/second-factors";
import { requirePatient } from "@/lib/auth/dal";
import { patientRef } from "@/lib/second-factor/account-ref";
import { factorTitle } from "@/lib/second-factor/factor-description";
import { factorIdSchema } from "@/lib/validation/patient-second-step";
import { BackToPortal } from "../back-to-portal";
import { RemoveFactorForm } from "./remove-factor-form";

export const metadata = { title: "Remove a second step" };

export default async function RemoveFactorPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const patient = await requirePatient();
  const id = factorIdSchema.safeParse((await searchParams).id);
  const factors = await listFactors(await getDb(), patientRef(patient.patientId));
  // Only the patient's own factors: any other id reads as not found.
  const factor = id.success ? factors.find((f) => f.id === id.data) : undefined;
  if (!factor) notFound();
  const what = factorTitle(factor);
  const last = factors.length === 1;
  return (
    <main id="main" className="narrow">
      <h1>Remove {what}?</h1>
      <p>
        {last
          ? "It is your only second step: after this, your password alone will sign you in."
          : "Your other second steps stay on."}{" "}
        Any device you chose to trust will ask for a second step again. We will email you to say it was removed.
      </p>
      <RemoveFactorForm factorId={factor.id} what={what} />
      <BackToPortal />
    </main>
  );
}
