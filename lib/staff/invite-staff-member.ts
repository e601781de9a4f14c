// An admin adds a staff member: the account is created without a password and an invitation link is emailed,
// in one transaction, so there is never an account without its email or an email without its account.
import type { Db } from "@/db/client";
import { insertStaffUser, staffEmailTaken } from "@/db/queries/staff-changes";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { emailStaffInvite } from "./email-staff-invite";
import { inviteStaffSchema, type StaffRole } from "@/lib/validation/staff-admin";
import { lockAdminAndTarget } from "./lock-admin-and-target";
import { refuse, StaffChangeAbort, type StaffChangeResult } from "./staff-change-result";

export async function inviteStaffMember(
  db: Db,
  opts: { actorStaffId: string; name: string; email: string; role: StaffRole; now: Date },
): Promise<StaffChangeResult<{ staffId: string }>> {
  // Callers validate first; parsing again here applies the same normalisation (lower-case email) to every caller.
  const input = inviteStaffSchema.parse({ name: opts.name, email: opts.email, role: opts.role });
  try {
    return await db.transaction(async (tx) => {
      const lock = await lockAdminAndTarget(tx, { actorStaffId: opts.actorStaffId });
      if (!lock.ok) throw new StaffChangeAbort(refuse(lock.reason));
      if (await staffEmailTaken(tx, input.email)) throw new StaffChangeAbort(refuse("email_taken"));
      const staffId = await insertStaffUser(tx, {
        name: input.name,
        email: input.email,
        role: input.role,
        passwordHash: null,
        createdAt: opts.now,
      });
      // An invitation that cannot be sent is no invitation: nothing is kept, and the admin can try later.
      await emailStaffInvite(tx, {
        staffUserId: staffId,
        email: input.email,
        name: input.name,
        actorStaffId: opts.actorStaffId,
        now: opts.now,
      });
      await recordAuditEvent(tx, {
        event: "staff.invited",
        actorType: "staff",
        actorStaffId: opts.actorStaffId,
        details: { targetStaffId: staffId, role: input.role },
      });
      return { ok: true as const, staffId };
    });
  } catch (e) {
    if (e instanceof StaffChangeAbort) return e.result;
    // Two admins adding the same address at once: the unique index decides.
    if (isUniqueViolation(e)) return refuse("email_taken");
    throw e;
  }
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === "23505" || err?.cause?.code === "23505";
}
