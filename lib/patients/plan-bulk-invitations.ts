// Who a "Send invitations" run would email, and who it skips: patients invited in the last 7 days, Inactive
// patients (they could not use the link) and Active ones (they have an account already).
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { FROM_PATIENTS_WITH_ACCOUNT, STATUS_SQL } from "@/db/queries/portal-status-sql";
import { searchCondition } from "@/db/queries/patients";
import type { PatientSearch } from "./search";

export const RECENT_INVITE_DAYS = 7;

export type BulkPlan = { toInvite: string[]; recentlyInvited: number; inactive: number; active: number };

export async function planBulkInvitations(
  db: Db,
  opts: { selection: { ids: string[] } | { search: PatientSearch }; now: Date },
): Promise<BulkPlan> {
  const since = new Date(opts.now.getTime() - RECENT_INVITE_DAYS * 86_400_000).toISOString();
  const which: SQL =
    "ids" in opts.selection
      ? opts.selection.ids.length
        ? sql`p.id in (${sql.join(
            opts.selection.ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`false`
      : sql`${searchCondition(opts.selection.search)} and ${STATUS_SQL} = 'unactivated'`;
  const rows = await queryRows<{ id: string; status: string; recent: boolean }>(
    db,
    sql`select p.id, ${STATUS_SQL} as status,
          exists (select 1 from account_tokens t where t.patient_id = p.id and t.purpose in ('setup', 'reset')
                  and t.created_at > ${since}::timestamptz) as recent
        from ${FROM_PATIENTS_WITH_ACCOUNT} where ${which} order by p.last_name, p.first_name, p.id`,
  );
  const plan: BulkPlan = { toInvite: [], recentlyInvited: 0, inactive: 0, active: 0 };
  for (const r of rows) {
    if (r.status === "inactive") plan.inactive++;
    else if (r.status === "active") plan.active++;
    else if (r.recent) plan.recentlyInvited++;
    else plan.toInvite.push(r.id);
  }
  return plan;
}
