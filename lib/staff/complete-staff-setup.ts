// A new staff member follows their invitation and chooses a password. The link is used by a conditional UPDATE
// in the same transaction that sets the password, so of many simultaneous submissions exactly one wins
// (docs/security.md T3). They are not signed in: they sign in with the new password, like everyone else.
import type { Db } from "@/db/client";
import { lockStaffForSetup, setStaffPassword } from "@/db/queries/staff-changes";
import { getConfig } from "@/lib/config";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password-hash";
import { checkNewPassword, type PasswordCheck } from "@/lib/passwords/check-new-password";
import { consumeToken } from "@/lib/tokens/consume-token";
import { inspectStaffInviteLink, type StaffInviteState } from "@/lib/tokens/inspect-staff-invite-link";
import { revokeStaffInviteLinks } from "@/lib/tokens/issue-staff-invite-link";
import { STAFF_PASSWORD_MIN } from "@/lib/validation/staff";

export type CompleteStaffSetupResult =
  | { ok: true }
  | { ok: false; reason: "link"; state: Exclude<StaffInviteState, "valid"> }
  | { ok: false; reason: "password"; message: string };

export async function completeStaffSetup(
  db: Db,
  opts: { token: string; password: string; now: Date },
): Promise<CompleteStaffSetupResult> {
  const link = await inspectStaffInviteLink(db, opts.token, opts.now);
  if (link.state !== "valid") return { ok: false, reason: "link", state: link.state };
  const check = checkStaffPassword(opts.password, link);
  if (!check.ok) return { ok: false, reason: "password", message: check.message };
  const passwordHash = await hashPassword(check.normalized);

  try {
    return await db.transaction(async (tx) => {
      const used = await consumeToken(tx, { token: opts.token, purpose: "staff_invite", now: opts.now });
      if (!used?.staffUserId) throw new Abort({ ok: false, reason: "link", state: "used" });

      const staff = await lockStaffForSetup(tx, used.staffUserId);
      // Deactivated since the page was opened: refused, and the rollback leaves the link as it was.
      if (!staff?.active) throw new Abort({ ok: false, reason: "link", state: "inactive" });
      if (staff.hasPassword) throw new Abort({ ok: false, reason: "link", state: "used" });

      await setStaffPassword(tx, used.staffUserId, passwordHash);
      await revokeStaffInviteLinks(tx, { staffUserId: used.staffUserId, reason: "password_set", now: opts.now });
      await recordAuditEvent(tx, {
        event: "staff.setup_completed",
        actorType: "staff",
        actorStaffId: used.staffUserId,
        details: { targetStaffId: used.staffUserId },
      });
      return { ok: true as const };
    });
  } catch (e) {
    if (e instanceof Abort) return e.result;
    throw e;
  }
}

/** The practice's one password policy, with the staff member's name and email as the personal words. */
function checkStaffPassword(password: string, who: { name: string; email: string }): PasswordCheck {
  const minLength = Math.max(STAFF_PASSWORD_MIN, getConfig().PASSWORD_MIN_LENGTH);
  const base = checkNewPassword({
    password,
    minLength,
    context: { email: who.email, practiceName: getConfig().PRACTICE_NAME },
  });
  if (!base.ok) return base;
  // Each part of the name on its own ("Jordan Lee" → "jordan", "lee"), as well as the whole.
  for (const part of [who.name, ...who.name.split(/\s+/)]) {
    if (!checkNewPassword({ password, minLength, context: { lastName: part } }).ok) {
      return { ok: false, reason: "contains_personal", message: "Your password must not contain your name." };
    }
  }
  return base;
}

class Abort extends Error {
  constructor(readonly result: CompleteStaffSetupResult) {
    super("aborted");
  }
}
