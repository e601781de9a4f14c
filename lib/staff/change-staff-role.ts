// An admin changes a staff member's role. The role is read from the database on every request, so the change
// applies at once. Nobody can change their own role: an admin cannot lock themselves (or the practice) out.
import type { Db } from "@/db/client";
import { setStaffRole } from "@/db/queries/staff-changes";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { StaffRole } from "@/lib/validation/staff-admin";
import { lockAdminAndTarget } from "./lock-admin-and-target";
import { refuse, StaffChangeAbort, type StaffChangeResult } from "./staff-change-result";

export async function changeStaffRole(
  db: Db,
  opts: { actorStaffId: string; targetStaffId: string; role: StaffRole; now: Date },
): Promise<StaffChangeResult<{ changed: boolean }>> {
  if (opts.actorStaffId === opts.targetStaffId) {
    return { ok: false, reason: "self", message: "You cannot change your own role. Ask another admin to do it." };
  }
  try {
    return await db.transaction(async (tx) => {
      const lock = await lockAdminAndTarget(tx, opts);
      if (!lock.ok) throw new StaffChangeAbort(refuse(lock.reason));
      const target = lock.target!;
      if (target.role === opts.role) return { ok: true as const, changed: false };
      await setStaffRole(tx, target.id, opts.role);
      await recordAuditEvent(tx, {
        event: "staff.role_changed",
        actorType: "staff",
        actorStaffId: opts.actorStaffId,
        details: { targetStaffId: target.id, role: opts.role, previousRole: target.role },
      });
      return { ok: true as const, changed: true };
    });
  } catch (e) {
    if (e instanceof StaffChangeAbort) return e.result;
    throw e;
  }
}
