// The audit trail: its two writes (append only), and the reads of the admin audit page (newest first, filtered,
// keyset-paginated by event id).
import { and, asc, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { insertJsonRows } from "../json-input";
import { auditEvents, patients, staffUsers } from "../schema";

export type AuditEvent = {
  event: string;
  actorType: "staff" | "patient" | "system" | "anonymous";
  actorStaffId?: string | null;
  patientId?: string | null;
  details?: Record<string, string | number | boolean | null | string[]>;
};

export async function insertAuditEvent(db: Pick<Db, "insert">, e: AuditEvent) {
  await db.insert(auditEvents).values({
    event: e.event,
    actorType: e.actorType,
    actorStaffId: e.actorStaffId ?? null,
    patientId: e.patientId ?? null,
    details: e.details ?? {},
  });
}

/** Many events in one statement, in the order given. */
export async function insertAuditEvents(db: Pick<Db, "execute">, events: AuditEvent[]) {
  await insertJsonRows(
    db,
    "audit_events",
    "event text, actor_type text, actor_staff_id uuid, patient_id uuid, details jsonb",
    events.map((e) => ({
      event: e.event,
      actor_type: e.actorType,
      actor_staff_id: e.actorStaffId ?? null,
      patient_id: e.patientId ?? null,
      details: e.details ?? {},
    })),
  );
}

/** A patient id (as in /admin/patients/[id]) or a chart number. */
export type AuditPatientFilter = { kind: "id"; id: string } | { kind: "chart"; chartNumber: string };

export type AuditFilters = {
  patient?: AuditPatientFilter;
  /** Events done by this staff member, or done to them (details.targetStaffId). */
  staffId?: string;
  event?: string;
  /** UTC days, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
};

export type AuditRow = {
  id: number;
  occurredAt: Date;
  event: string;
  actorType: string;
  actorName: string | null;
  patientId: string | null;
  patientName: string | null;
  details: unknown;
  targetStaffName: string | null;
};

export type AuditPage = { rows: AuditRow[]; newer: number | null; older: number | null };

const actor = alias(staffUsers, "actor");
const target = alias(staffUsers, "target");
const DAY_MS = 86_400_000;

function conditions(f: AuditFilters): SQL[] {
  const where: SQL[] = [];
  if (f.patient?.kind === "id") where.push(eq(auditEvents.patientId, f.patient.id));
  if (f.patient?.kind === "chart") {
    where.push(
      sql`${auditEvents.patientId} in (select ${patients.id} from ${patients} where upper(${patients.chartNumber}) = upper(${f.patient.chartNumber}))`,
    );
  }
  if (f.staffId)
    where.push(
      or(eq(auditEvents.actorStaffId, f.staffId), sql`${auditEvents.details}->>'targetStaffId' = ${f.staffId}`)!,
    );
  if (f.event) where.push(eq(auditEvents.event, f.event));
  if (f.from) where.push(gte(auditEvents.occurredAt, new Date(`${f.from}T00:00:00Z`)));
  if (f.to) where.push(lt(auditEvents.occurredAt, new Date(new Date(`${f.to}T00:00:00Z`).getTime() + DAY_MS)));
  return where;
}

// Compared as (occurred_at, id) against the cursor row itself, so no timestamp has to survive a URL round trip.
const olderThan = (id: number) =>
  sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (select a.occurred_at, a.id from audit_events a where a.id = ${id})`;
const newerThan = (id: number) =>
  sql`(${auditEvents.occurredAt}, ${auditEvents.id}) > (select a.occurred_at, a.id from audit_events a where a.id = ${id})`;

export async function listAuditEvents(
  db: Db,
  opts: { filters: AuditFilters; after?: number; before?: number; limit: number },
): Promise<AuditPage> {
  const where = conditions(opts.filters);
  const goingBack = opts.before !== undefined && opts.after === undefined;
  if (opts.after !== undefined) where.push(olderThan(opts.after));
  else if (opts.before !== undefined) where.push(newerThan(opts.before));
  const order = goingBack
    ? [asc(auditEvents.occurredAt), asc(auditEvents.id)]
    : [desc(auditEvents.occurredAt), desc(auditEvents.id)];
  const found = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      event: auditEvents.event,
      actorType: auditEvents.actorType,
      actorName: actor.name,
      patientId: auditEvents.patientId,
      patientName: sql<
        string | null
      >`case when ${patients.id} is null then null else ${patients.lastName} || ', ' || ${patients.firstName} end`,
      details: auditEvents.details,
      targetStaffName: target.name,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorStaffId))
    .leftJoin(patients, eq(patients.id, auditEvents.patientId))
    .leftJoin(target, sql`${target.id}::text = ${auditEvents.details}->>'targetStaffId'`)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...order)
    .limit(opts.limit + 1);
  const more = found.length > opts.limit;
  const rows = found.slice(0, opts.limit);
  if (goingBack) rows.reverse();
  const first = rows[0]?.id ?? null;
  const last = rows.at(-1)?.id ?? null;
  return {
    rows,
    newer: goingBack ? (more ? first : null) : opts.after !== undefined ? first : null,
    older: goingBack ? last : more ? last : null,
  };
}

/** Every event name the trail holds, for the event filter. */
export async function auditEventNames(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ event: auditEvents.event }).from(auditEvents).orderBy(asc(auditEvents.event));
  return rows.map((r) => r.event);
}
