// A signed-in staff member makes new recovery codes (docs/security.md M5). Their password is asked again, so a
// session left open on a shared desk cannot mint codes that sign in later; a wrong one counts towards the same
// waits and lock as a wrong password at sign-in, and while the account waits or is locked no password is checked.
import type { Db } from "@/db/client";
import { findStaffPasswordById } from "@/db/queries/sign-ins";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { countFailure, LOCKOUT } from "@/lib/auth/lockout";
import { verifyPassword } from "@/lib/auth/password-hash";
import { issueRecoveryCodes } from "./recovery-codes";

export type RegenerateResult = { ok: true; codes: string[] } | { ok: false; reason: "wrong_password" };

export async function regenerateRecoveryCodes(
  db: Db,
  opts: { staffId: string; password: string; now: Date },
): Promise<RegenerateResult> {
  const staff = await findStaffPasswordById(db, opts.staffId);
  const locked = !!staff?.lockedUntil && staff.lockedUntil > opts.now;
  const usable = !!staff?.active && !locked;
  // Verified even when the answer is known already, so a wait or lock does not show in the time taken.
  const passwordOk = await verifyPassword(usable ? staff.passwordHash : null, opts.password);
  if (!staff || !usable || !passwordOk) {
    if (staff) {
      await db.transaction(async (tx) => {
        if (usable && (await countFailure(tx, "staff_user", opts.staffId, opts.now))) {
          await recordAuditEvent(tx, {
            event: "staff.locked",
            actorType: "system",
            actorStaffId: opts.staffId,
            details: { minutes: LOCKOUT.lockMinutes },
          });
        }
        await recordAuditEvent(tx, {
          event: "second_factor.recovery_codes_refused",
          actorType: "staff",
          actorStaffId: opts.staffId,
          details: { reason: locked ? "locked" : "wrong_password" },
        });
      });
    }
    return { ok: false, reason: "wrong_password" };
  }
  const codes = await db.transaction((tx) => issueRecoveryCodes(tx, { staffId: opts.staffId, now: opts.now }));
  return { ok: true, codes };
}
