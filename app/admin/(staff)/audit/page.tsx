import Link from "next/link";
import { getDb } from "@/db/client";
import { auditEventNames, listAuditEvents } from "@/db/queries/audit";
import { staffOptions } from "@/db/queries/staff";
import { requireAdmin } from "@/lib/auth/dal";
import { auditPatientFilter, auditQuery, type AuditQuery } from "@/lib/validation/audit-query";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";

export const metadata = { title: "Audit trail" };
const PAGE_SIZE = 50;

function pageHref(query: AuditQuery, cursor: { after?: number; before?: number }) {
  const { patient, staff, event, from, to } = query;
  const params = Object.entries({ patient, staff, event, from, to, after: cursor.after, before: cursor.before }).filter(
    (e): e is [string, string | number] => e[1] !== undefined && e[1] !== "",
  );
  return `/admin/audit?${new URLSearchParams(params.map(([k, v]) => [k, String(v)])).toString()}`;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  await requireAdmin();
  const query = auditQuery.parse(await searchParams);
  const db = await getDb();
  const filters = {
    patient: auditPatientFilter(query.patient),
    staffId: query.staff,
    event: query.event,
    from: query.from,
    to: query.to,
  };
  const [page, events, staff] = await Promise.all([
    listAuditEvents(db, { filters, after: query.after, before: query.before, limit: PAGE_SIZE }),
    auditEventNames(db),
    staffOptions(db),
  ]);
  return (
    <main id="main">
      <h1>Audit trail</h1>
      <p>Every sign-in, link, email and change, newest first. Times are in UTC. Nothing here can be edited.</p>
      <AuditFilters query={query} events={events} staff={staff} />
      <AuditTable rows={page.rows} />
      <nav className="pager" aria-label="Pages">
        {page.newer !== null && <Link href={pageHref(query, { before: page.newer })}>← Newer events</Link>}
        {page.older !== null && <Link href={pageHref(query, { after: page.older })}>Older events →</Link>}
      </nav>
    </main>
  );
}
