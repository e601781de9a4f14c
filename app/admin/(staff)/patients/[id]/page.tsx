import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/dal";
import { getDb } from "@/db/client";
import { getPatientDash } from "@/db/queries/patients";
import { StatusLegend } from "@/app/_components/status-icon";
import { PhotoBlock } from "./photo-block";
import { StatusPanel } from "./status-panel";

export const metadata = { title: "Patient" };

export default async function PatientDashPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const { id } = await params;
  const patient = await getPatientDash(await getDb(), id, new Date());
  if (!patient) notFound();
  return (
    <main id="main" className="dash">
      <p>
        <Link href="/admin">← All patients</Link>
      </p>
      <h1 className="visually-hidden">
        {patient.firstName} {patient.lastName}
      </h1>
      <div className="dash-grid">
        <PhotoBlock patient={patient} />
        <StatusPanel patient={patient} />
      </div>
      <StatusLegend />
    </main>
  );
}
