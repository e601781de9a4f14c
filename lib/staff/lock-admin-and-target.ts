// The first step of every staff-admin change: inside its transaction, lock the acting admin's row and the
// target's (in id order, so two admins changing each other cannot deadlock) and confirm the actor is still an
// active admin. Two admins demoting each other at once therefore cannot leave the practice with none.
import type { Tx } from "@/db/client";
import { lockStaffRows, type LockedStaff } from "@/db/queries/staff-changes";

export type { LockedStaff };

export async function lockAdminAndTarget(
  tx: Tx,
  opts: { actorStaffId: string; targetStaffId?: string },
): Promise<{ ok: true; target: LockedStaff | null } | { ok: false; reason: "not_admin" | "not_found" }> {
  const ids = [...new Set([opts.actorStaffId, opts.targetStaffId].filter((id): id is string => !!id))];
  const rows = await lockStaffRows(tx, ids);
  const actor = rows.find((r) => r.id === opts.actorStaffId);
  if (!actor?.active || actor.role !== "admin") return { ok: false, reason: "not_admin" };
  if (!opts.targetStaffId) return { ok: true, target: null };
  const target = rows.find((r) => r.id === opts.targetStaffId);
  if (!target) return { ok: false, reason: "not_found" };
  return { ok: true, target };
}
