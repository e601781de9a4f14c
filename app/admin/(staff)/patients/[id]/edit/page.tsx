import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/dal";
import { getDb } from "@/db/client";
import { getPatientDash } from "@/db/queries/patients";
import { getPortalTab } from "@/db/queries/patient-portal-tab";
import { formatDob } from "@/lib/patients/format-dob";
import { BasicDataForm } from "./basic-data-form";
import { PortalTab } from "./portal-tab";

export const metadata = { title: "Edit patient" };

export default async function EditPatientPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, unknown>>;
}) {
  await requireStaff();
  const { id } = await params;
  const tab = (await searchParams).tab === "portal" ? "portal" : "basic";
  const db = await getDb();
  const patient = await getPatientDash(db, id, new Date());
  if (!patient) notFound();
  const portal = tab === "portal" ? await getPortalTab(db, id) : null;
  return (
    <main id="main" className="narrow-wide">
      <p>
        <Link href={`/admin/patients/${id}`}>
          ← Back to {patient.firstName} {patient.lastName}
        </Link>
      </p>
      <h1>
        Patient information: {patient.firstName} {patient.lastName}
      </h1>
      <nav className="tabs" aria-label="Patient information">
        <Link href={`/admin/patients/${id}/edit?tab=basic`} aria-current={tab === "basic" ? "page" : undefined}>
          Basic Data
        </Link>
        <Link href={`/admin/patients/${id}/edit?tab=portal`} aria-current={tab === "portal" ? "page" : undefined}>
          Patient Portal
        </Link>
      </nav>
      {tab === "basic" ? (
        <BasicDataForm
          patientId={id}
          version={patient.version}
          initial={{
            firstName: patient.firstName,
            lastName: patient.lastName,
            dateOfBirth: formatDob(patient.dateOfBirth),
            email: patient.email ?? "",
            zip: patient.zip ?? "",
            phone: patient.phone ?? "",
            addressLine1: patient.addressParts.line1 ?? "",
            addressLine2: patient.addressParts.line2 ?? "",
            city: patient.addressParts.city ?? "",
            state: patient.addressParts.state ?? "",
            preferredLanguage: patient.preferredLanguage,
          }}
        />
      ) : (
        <PortalTab patient={patient} portal={portal!} />
      )}
    </main>
  );
}
