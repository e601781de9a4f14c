import Link from "next/link";
import { requireStaff } from "@/lib/auth/dal";
import { getDb } from "@/db/client";
import { countPatientsByStatus, decodeCursor, encodeCursor, listPatients } from "@/db/queries/patients";
import { parsePatientSearch } from "@/lib/patients/search";
import { formatPatientCount } from "@/lib/patients/format-patient-count";
import { patientListQuery } from "@/lib/validation/patient-list-query";
import { checkWorkerHealth } from "@/lib/workers/worker-health";
import type { PortalStatusKind } from "@/lib/patients/portal-status";
import { StatusLegend } from "@/app/_components/status-icon";
import { PatientTable, StatusFilter, listHref } from "./patient-list";

export const metadata = { title: "Patients" };
const PAGE_SIZE = 25;

export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const staff = await requireStaff();
  const params = await searchParams;
  const query = patientListQuery.parse(params);
  const denied = params.denied === "admin";
  const status = query.status as PortalStatusKind | undefined;
  const search = parsePatientSearch(query.q);
  const db = await getDb();
  const [counts, page, worker] = await Promise.all([
    countPatientsByStatus(db, search),
    listPatients(db, {
      search,
      status,
      after: decodeCursor(query.after),
      before: decodeCursor(query.before),
      limit: PAGE_SIZE,
      now: new Date(),
    }),
    // Admins are the ones who can restart a worker; front desk would only be alarmed.
    staff.role === "admin" ? checkWorkerHealth(db, { now: new Date() }) : null,
  ]);
  return (
    <main id="main">
      <div className="title-row">
        <h1>Patients</h1>
        <Link href="/admin/patients/new" className="button-secondary">
          Add patient
        </Link>
      </div>
      {worker?.stalled && (
        <div className="banner-warning" role="alert">
          <p>
            <strong>Email sending is stalled.</strong> No email worker has run for over a minute, so verification
            requests wait and no setup, reset or invitation email goes out. Check that the app&rsquo;s email worker (or{" "}
            <code>npm run worker</code>) is running and can reach the database.
          </p>
        </div>
      )}
      {denied && (
        <p className="field-error" role="alert">
          That page is for admins only.
        </p>
      )}
      <form method="get" action="/admin" className="search" role="search">
        <label htmlFor="q">Search patients</label>
        <p className="hint" id="q-hint">
          Last name (or &ldquo;Last, First&rdquo;), date of birth (MM/DD/YYYY), chart number or email.
        </p>
        <div className="search-row">
          <input id="q" name="q" type="search" defaultValue={query.q} aria-describedby="q-hint" />
          {status && <input type="hidden" name="status" value={status} />}
          <button type="submit" className="button">
            Search
          </button>
        </div>
      </form>
      <StatusFilter counts={counts} current={status} q={query.q} />
      {counts.unactivated > 0 && (
        <p>
          <Link
            href={`/admin/invitations/new?all=unactivated${query.q ? `&q=${encodeURIComponent(query.q)}` : ""}`}
            className="button"
          >
            Send invitations to Unactivated patients ({formatPatientCount(counts.unactivated)})…
          </Link>
        </p>
      )}
      <PatientTable rows={page.rows} />
      <nav className="pager" aria-label="Pages">
        {page.prev && (
          <Link href={listHref({ q: query.q, status, before: encodeCursor(page.prev) })}>← Previous page</Link>
        )}
        {page.next && <Link href={listHref({ q: query.q, status, after: encodeCursor(page.next) })}>Next page →</Link>}
      </nav>
      <StatusLegend />
    </main>
  );
}
