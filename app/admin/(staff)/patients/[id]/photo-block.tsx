// The patient's photo block, top left of the dash, with the portal status icon on it (as in the seed).
import type { PatientDash } from "@/db/queries/patients";
import { StatusIcon } from "@/app/_components/status-icon";
import { formatDob } from "@/lib/patients/format-dob";

const initials = (p: PatientDash) => `${[...p.firstName][0] ?? ""}${[...p.lastName][0] ?? ""}`.toUpperCase();

export function PhotoBlock({ patient }: { patient: PatientDash }) {
  return (
    <section className="photo-block" aria-label="Patient information">
      <div className="photo">
        {patient.photoUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- on-file photos are local, not optimisable assets
          <img src={patient.photoUrl} alt="" width={96} height={96} />
        ) : (
          <span className="initials" aria-hidden="true">
            {initials(patient)}
          </span>
        )}
        <span className="photo-status">
          <StatusIcon status={patient.status} showLabel={false} />
        </span>
      </div>
      <div>
        <p className="patient-name">
          {patient.firstName} {patient.lastName}
        </p>
        <dl className="facts">
          <dt>Date of birth</dt>
          <dd>{formatDob(patient.dateOfBirth)}</dd>
          <dt>Chart number</dt>
          <dd>{patient.chartNumber}</dd>
          {patient.chartStatus !== "active" && (
            <>
              <dt>Chart</dt>
              <dd>{patient.chartStatus === "deceased" ? "Deceased" : "Inactive"}</dd>
            </>
          )}
        </dl>
      </div>
    </section>
  );
}
