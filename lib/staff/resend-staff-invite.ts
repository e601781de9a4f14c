// An admin sends a fresh invitation to a staff member who has not chosen a password yet. The new link voids
// the older ones, so only the newest email works.
import type { Db } from "@/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { issueStaffInviteLink } from "@/lib/tokens/issue-staff-invite-link";
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
      const link = await issueStaffInviteLink(tx, { staffUserId: target.id, issuedByStaffId: opts.actorStaffId, now: opts.now });
      const sent = await enqueueEmail(tx, {
        to: target.email,
        message: { template: "staff_invite", link: link.url, validFor: link.validFor, staffName: target.name },
        now: opts.now,
      });
      // Rolled back as a whole: the previous link keeps working if the new one cannot be sent.
      if (!sent.queued) throw new StaffChangeAbort(refuse("email_cap"));
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
