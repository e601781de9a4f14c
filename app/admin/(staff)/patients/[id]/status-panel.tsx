// Portal status in words: what the icon means for this patient, what is missing, and the on-file details.
import type { PatientDash } from "@/db/queries/patients";
import { addressLines } from "@/lib/patients/format-address";
import { StatusIcon } from "@/app/_components/status-icon";
import { STATUS_MEANING, statusDetails } from "@/lib/patients/portal-status-text";

export function StatusPanel({ patient, children }: { patient: PatientDash; children?: React.ReactNode }) {
  const { status } = patient;
  const details = statusDetails(status);
  const address = addressLines({ ...patient.addressParts, zip: patient.zip });
  return (
    <section className="status-panel" aria-labelledby="portal-status-title">
      <h2 id="portal-status-title">Patient Portal</h2>
      <p className="status-line">
        <StatusIcon status={status} />
      </p>
      <p>{STATUS_MEANING[status.kind]}</p>
      <ul
        className={status.kind === "inactive" ? "reasons" : "details"}
        aria-label={status.kind === "inactive" ? "Why the patient cannot access the portal" : "Details"}
      >
        {details.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
      {children}
      {patient.username && (
        <p>
          Username: <strong>{patient.username}</strong>
        </p>
      )}
      <h3>On file</h3>
      <dl className="facts">
        <dt>Email</dt>
        <dd className="email">{patient.email?.trim() || <span className="muted">None on file</span>}</dd>
        <dt>ZIP code</dt>
        <dd className="keep-whole">{patient.zip?.trim() || <span className="muted">None on file</span>}</dd>
        <dt>Phone</dt>
        <dd className="keep-whole">{patient.phone || <span className="muted">None on file</span>}</dd>
        <dt>Address</dt>
        <dd>
          {address.length ? (
            address.map((l) => (
              <span key={l} className="line">
                {l}
              </span>
            ))
          ) : (
            <span className="muted">None on file</span>
          )}
        </dd>
        <dt>Patient Can Access Portal</dt>
        <dd>{patient.portalAccessEnabled ? "Yes" : "No"}</dd>
      </dl>
    </section>
  );
}
