// Audit events as a table: when (UTC), what in plain words, who, which patient, and the recorded details.
import Link from "next/link";
import type { AuditRow } from "@/db/queries/audit";
import { detailLines, eventLabel } from "@/lib/audit/audit-event-text";

const ACTOR_WORDS: Record<string, string> = { patient: "Patient", system: "System", anonymous: "Anonymous" };

function actorText(row: AuditRow): string {
  if (row.actorType === "staff") return row.actorName ?? "Staff (no longer on file)";
  return ACTOR_WORDS[row.actorType] ?? row.actorType;
}

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) return <p className="empty">No audit events match these filters.</p>;
  return (
    <table className="data-table audit-table">
      <caption className="visually-hidden">Audit events, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Time (UTC)</th>
          <th scope="col">Event</th>
          <th scope="col">Actor</th>
          <th scope="col">Patient</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const details = detailLines(row.details, { targetStaffName: row.targetStaffName });
          return (
            <tr key={row.id}>
              <td data-label="Time (UTC)" className="nowrap">
                <time dateTime={row.occurredAt.toISOString()}>{utc(row.occurredAt)}</time>
              </td>
              <th scope="row" data-label="Event">
                {eventLabel(row.event)}
              </th>
              <td data-label="Actor">{actorText(row)}</td>
              <td data-label="Patient">
                {row.patientId ? (
                  <Link href={`/admin/patients/${row.patientId}`}>
                    {row.patientName ?? "Patient no longer on file"}
                  </Link>
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
              <td data-label="Details">
                {details.length ? (
                  <ul className="audit-details">
                    {details.map((d) => (
                      <li key={d.label}>
                        <span className="detail-key">{d.label}:</span> {d.value}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
