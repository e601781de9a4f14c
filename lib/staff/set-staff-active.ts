// An admin deactivates or reactivates a staff member. Deactivation bumps session_version, so every open session
// of theirs is refused at its next request (lib/auth/dal.ts), and voids any unused invitation.
import type { Db } from "@/db/client";
import { deactivateStaffUser, reactivateStaffUser } from "@/db/queries/staff-changes";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { revokeStaffInviteLinks } from "@/lib/tokens/issue-staff-invite-link";
import { lockAdminAndTarget } from "./lock-admin-and-target";
import { refuse, StaffChangeAbort, type StaffChangeResult } from "./staff-change-result";

export async function setStaffActive(
  db: Db,
  opts: { actorStaffId: string; targetStaffId: string; active: boolean; now: Date },
): Promise<StaffChangeResult<{ changed: boolean }>> {
  if (opts.actorStaffId === opts.targetStaffId && !opts.active) {
    return {
      ok: false,
      reason: "self",
      message: "You cannot deactivate your own account. Ask another admin to do it.",
    };
  }
  try {
    return await db.transaction(async (tx) => {
      const lock = await lockAdminAndTarget(tx, opts);
      if (!lock.ok) throw new StaffChangeAbort(refuse(lock.reason));
      const target = lock.target!;
      if (target.active === opts.active) return { ok: true as const, changed: false };
      if (opts.active) {
        await reactivateStaffUser(tx, target.id);
      } else {
        await deactivateStaffUser(tx, target.id);
        await revokeStaffInviteLinks(tx, { staffUserId: target.id, reason: "deactivated", now: opts.now });
      }
      await recordAuditEvent(tx, {
        event: opts.active ? "staff.reactivated" : "staff.deactivated",
        actorType: "staff",
        actorStaffId: opts.actorStaffId,
        details: { targetStaffId: target.id },
      });
      return { ok: true as const, changed: true };
    });
  } catch (e) {
    if (e instanceof StaffChangeAbort) return e.result;
    throw e;
  }
}
