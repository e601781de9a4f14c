// An admin sends a fresh invitation to a staff member who has not chosen a password yet. The new link voids
// the older ones, so only the newest email works.
import type { Db } from "@/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { emailStaffInvite } from "./email-staff-invite";
import { lockAdminAndTarget } from "./lock-admin-and-target";
import { refuse, StaffChangeAbort, type StaffChangeResult } from "./staff-change-result";

export async function resendStaffInvite(
  db: Db,
  opts: { actorStaffId: string; targetStaffId: string; now: Date },
): Promise<StaffChangeResult> {
  try {
    return await db.transaction(async (tx) => {
      const lock = await lockAdminAndTarget(tx, opts);
      if (!lock.ok) throw new StaffChangeAbort(refuse(lock.reason));
      const target = lock.target!;
      if (!target.active) throw new StaffChangeAbort(refuse("inactive"));
      if (target.hasPassword) throw new StaffChangeAbort(refuse("already_set_up"));
      await emailStaffInvite(tx, {
        staffUserId: target.id,
        email: target.email,
        name: target.name,
        actorStaffId: opts.actorStaffId,
        now: opts.now,
      });
      await recordAuditEvent(tx, {
        event: "staff.invitation_resent",
        actorType: "staff",
        actorStaffId: opts.actorStaffId,
        details: { targetStaffId: target.id },
      });
      return { ok: true as const };
    });
  } catch (e) {
    if (e instanceof StaffChangeAbort) return e.result;
    throw e;
  }
}
