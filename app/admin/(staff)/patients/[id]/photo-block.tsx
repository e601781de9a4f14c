// The patient's photo block, top left of the dash, with the portal status icon on it (as in the seed).
import Link from "next/link";
import type { PatientDash } from "@/db/queries/patients";
import { StatusIcon } from "@/app/_components/status-icon";
import { formatDob } from "@/lib/patients/format-dob";
import { preferredLanguageName } from "../preferred-language-field";

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
      <div className="photo-text">
        <p className="patient-name">
          {patient.firstName} {patient.lastName}
        </p>
        <p>
          <Link href={`/admin/patients/${patient.id}/edit?tab=basic`} className="edit-link">
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" width="18" height="18">
              <path
                d="M4 20h4L19 9l-4-4L4 16v4z M14 6l4 4"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinejoin="round"
              />
            </svg>
            Edit patient information
          </Link>
        </p>
        <dl className="facts">
          <dt>Date of birth</dt>
          <dd className="keep-whole">{formatDob(patient.dateOfBirth)}</dd>
          <dt>Chart number</dt>
          <dd className="keep-whole">{patient.chartNumber}</dd>
          <dt>Preferred language</dt>
          <dd>{preferredLanguageName(patient.preferredLanguage)}</dd>
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
