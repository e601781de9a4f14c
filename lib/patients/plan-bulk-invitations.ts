// Who a "Send invitations" run would email, and who it skips: patients invited in the last 7 days, Inactive
// patients (they could not use the link) and Active ones (they have an account already).
import type { Db } from "@/db/client";
import { listInvitationCandidates } from "@/db/queries/bulk-invitations";
import type { PatientSearch } from "@/db/queries/patients";

export const RECENT_INVITE_DAYS = 7;

export type BulkPlan = { toInvite: string[]; recentlyInvited: number; inactive: number; active: number };

export async function planBulkInvitations(
  db: Db,
  opts: { selection: { ids: string[] } | { search: PatientSearch }; now: Date },
): Promise<BulkPlan> {
  const since = new Date(opts.now.getTime() - RECENT_INVITE_DAYS * 86_400_000);
  const rows = await listInvitationCandidates(db, { selection: opts.selection, since });
  const plan: BulkPlan = { toInvite: [], recentlyInvited: 0, inactive: 0, active: 0 };
  for (const r of rows) {
    if (r.status === "inactive") plan.inactive++;
    else if (r.status === "active") plan.active++;
    else if (r.recent) plan.recentlyInvited++;
    else plan.toInvite.push(r.id);
  }
  return plan;
}
