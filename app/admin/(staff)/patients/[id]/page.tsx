import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/dal";
import { getDb } from "@/db/client";
import { getPatientDash } from "@/db/queries/patients";
import { getPortalTab } from "@/db/queries/patient-portal-tab";
import { getPatientActivity } from "@/db/queries/patient-activity";
import { listOpenHeldLinkRequests } from "@/db/queries/held-link-requests";
import { formatDateTime } from "@/lib/patients/portal-status-text";
import { emailChangedRecently } from "@/lib/patients/email-changed-recently";
import { secondStepState } from "@/lib/patients/second-step-state";
import { StatusLegend } from "@/app/_components/status-icon";
import { PhotoBlock } from "./photo-block";
import { StatusPanel } from "./status-panel";
import { Troubleshooting } from "./troubleshooting";
import { Activity } from "./activity";
import { HeldLinks } from "./held-links";

export const metadata = { title: "Patient" };

export default async function PatientDashPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const { id } = await params;
  const db = await getDb();
  const now = new Date();
  const patient = await getPatientDash(db, id, now);
  if (!patient) notFound();
  const [portal, activity, held] = await Promise.all([
    getPortalTab(db, id),
    getPatientActivity(db, id),
    listOpenHeldLinkRequests(db, id),
  ]);
  const recentEmailChange = emailChangedRecently({ emailChangedAt: portal.emailChangedAt, now });
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
        <StatusPanel patient={patient}>
          {held.length > 0 && (
            <HeldLinks
              patientId={patient.id}
              requests={held.map((h) => ({ id: h.id, flow: h.flow, at: formatDateTime(h.createdAt) }))}
            />
          )}
          {portal.account && (
            <p>
              Second sign-in step: <strong>{secondStepState(portal.secondSteps)}</strong>
            </p>
          )}
          <Troubleshooting patient={patient} hasAccount={!!portal.account} recentEmailChange={recentEmailChange} />
        </StatusPanel>
      </div>
      <Activity entries={activity} />
      <StatusLegend />
    </main>
  );
}
