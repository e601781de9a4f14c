// One patient's portal activity for staff: audit events about them and the verification attempts that named
// their email, newest first. Only outcomes and field names: never what was typed.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows, toDate } from "../rows";

export type ActivityEntry = {
  at: Date;
  event: string;
  actor: string | null;
  details: Record<string, unknown>;
};

export async function getPatientActivity(db: Db, patientId: string, limit = 50): Promise<ActivityEntry[]> {
  const rows = await queryRows<{
    at: unknown;
    event: string;
    actor: string | null;
    details: Record<string, unknown> | string;
  }>(
    db,
    sql`select * from (
          select e.occurred_at as at, e.event, s.name as actor, e.details
          from audit_events e left join staff_users s on s.id = e.actor_staff_id and e.actor_type = 'staff'
          where e.patient_id = ${patientId}::uuid and e.event <> 'verification.processed'
          union all
          select v.created_at, 'verification.' || coalesce(v.outcome, 'pending'), null,
                 jsonb_build_object('flow', v.flow, 'mismatched', coalesce(to_jsonb(v.mismatched_fields), '[]'::jsonb))
          from verification_attempts v
          where v.email_patient_id = ${patientId}::uuid or v.matched_patient_id = ${patientId}::uuid
        ) a order by at desc limit ${limit}`,
  );
  return rows.map((r) => ({
    at: toDate(r.at)!,
    event: r.event,
    actor: r.actor,
    details: typeof r.details === "string" ? JSON.parse(r.details) : (r.details ?? {}),
  }));
}
