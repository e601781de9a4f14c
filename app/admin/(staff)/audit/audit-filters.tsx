// The audit filters: a plain GET form, so every filtered view is a link that can be shared or bookmarked.
import Link from "next/link";
import { eventLabel } from "@/lib/audit/audit-event-text";
import type { AuditQuery } from "@/lib/validation/audit-query";

export function AuditFilters({
  query,
  events,
  staff,
}: {
  query: AuditQuery;
  events: string[];
  staff: { id: string; name: string; active: boolean }[];
}) {
  // Sorted by the words shown, not the raw names.
  const eventOptions = events
    .map((e) => ({ value: e, label: eventLabel(e) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <form method="get" action="/admin/audit" className="audit-filters" role="search" aria-label="Filter audit events">
      <div className="filter">
        <label htmlFor="patient">Patient</label>
        <p className="hint" id="patient-hint">
          Chart number or patient id
        </p>
        <input id="patient" name="patient" type="text" defaultValue={query.patient} aria-describedby="patient-hint" />
      </div>
      <div className="filter">
        <label htmlFor="staff">Staff member</label>
        <p className="hint" id="staff-hint">
          Done by them, or to them
        </p>
        <select id="staff" name="staff" defaultValue={query.staff ?? ""} aria-describedby="staff-hint">
          <option value="">Any staff member</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.active ? "" : " (deactivated)"}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="event">Event</label>
        <select id="event" name="event" defaultValue={query.event ?? ""}>
          <option value="">Any event</option>
          {eventOptions.map((e) => (
            <option key={e.value} value={e.value}>
              {e.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="from">From</label>
        <p className="hint" id="from-hint">
          Date, UTC
        </p>
        <input id="from" name="from" type="date" defaultValue={query.from} aria-describedby="from-hint" />
      </div>
      <div className="filter">
        <label htmlFor="to">To</label>
        <p className="hint" id="to-hint">
          Date, UTC, included
        </p>
        <input id="to" name="to" type="date" defaultValue={query.to} aria-describedby="to-hint" />
      </div>
      <div className="filter-buttons">
        <button type="submit" className="button">
          Filter
        </button>
        <Link href="/admin/audit">Clear filters</Link>
      </div>
    </form>
  );
}
