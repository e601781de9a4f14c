import Link from "next/link";
import type { PatientListRow } from "@/db/queries/patients";
import type { PortalStatusKind } from "@/lib/patients/portal-status";
import { STATUS_LABEL } from "@/lib/patients/portal-status-text";
import { StatusIcon } from "@/app/_components/status-icon";
import { formatDob } from "@/lib/patients/format-dob";
import { formatPatientCount } from "@/lib/patients/format-patient-count";

export function listHref(params: { q?: string; status?: string; after?: string; before?: string }) {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  const text = search.toString();
  return text ? `/admin?${text}` : "/admin";
}

export function StatusFilter({
  counts,
  current,
  q,
}: {
  counts: Record<PortalStatusKind | "all", number>;
  current?: PortalStatusKind;
  q?: string;
}) {
  const items: { key: PortalStatusKind | undefined; label: string; n: number }[] = [
    { key: undefined, label: "All", n: counts.all },
    ...(["inactive", "unactivated", "active"] as const).map((k) => ({ key: k, label: STATUS_LABEL[k], n: counts[k] })),
  ];
  return (
    <nav aria-label="Filter by portal status" className="status-filter">
      <ul>
        {items.map((item) => (
          <li key={item.label}>
            <Link
              href={listHref({ q, status: item.key })}
              aria-current={item.key === current ? "page" : undefined}
              className={item.key ? `status-${item.key}` : undefined}
            >
              {item.label} <span className="count">{formatPatientCount(item.n)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function PatientTable({ rows }: { rows: PatientListRow[] }) {
  if (rows.length === 0) return <p className="empty">No patients match this search.</p>;
  return (
    <form method="get" action="/admin/invitations/new" id="select-patients">
      <table className="patients">
        <caption className="visually-hidden">Patients and their portal status</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Select</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Date of birth</th>
            <th scope="col">Chart number</th>
            <th scope="col">Email</th>
            <th scope="col">Portal status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id} data-status={p.status.kind}>
              <td className="select-cell" data-label="Select">
                <input
                  type="checkbox"
                  name="id"
                  value={p.id}
                  id={`select-${p.id}`}
                  aria-label={`Select ${p.firstName} ${p.lastName}`}
                />
              </td>
              <th scope="row" data-label="Name">
                <Link href={`/admin/patients/${p.id}`}>
                  {p.lastName}, {p.firstName}
                </Link>
              </th>
              <td data-label="Date of birth">{formatDob(p.dateOfBirth)}</td>
              <td data-label="Chart number">{p.chartNumber}</td>
              <td data-label="Email" className="email">
                {p.email?.trim() || <span className="muted">None on file</span>}
              </td>
              <td data-label="Portal status">
                <StatusIcon status={p.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" className="button-secondary">
        Send invitations to selected patients…
      </button>
    </form>
  );
}
