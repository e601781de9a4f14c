// Checks a staff member's password. Every failure looks the same to the caller and costs one Argon2 verification.
// A right password is not yet a sign-in: the second step follows, and only a completed sign-in
// (lib/auth/complete-sign-in.ts) clears the failure count, so a known password cannot reset the count of wrong
// codes.
import type { Db } from "@/db/client";
import { findStaffForSignIn, replaceStaffPasswordHash } from "@/db/queries/sign-ins";
import { emailHmac, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword, needsRehash, verifyPassword } from "./password-hash";
import { countFailure, LOCKOUT } from "./lockout";
import { inline, type Defer } from "./defer";

export type StaffIdentity = { id: string; name: string; role: "admin" | "front_desk"; sessionVersion: number };

export async function verifyStaffCredentials(
  db: Db,
  opts: { email: string; password: string; now: Date; defer?: Defer },
): Promise<StaffIdentity | null> {
  const staff = await findStaffForSignIn(db, opts.email);

  const locked = !!staff?.lockedUntil && staff.lockedUntil > opts.now;
  const usable = !!staff && staff.active && !locked;
  // Verify even when the outcome is already known, so unknown, locked and wrong all take the same time.
  const passwordOk = await verifyPassword(usable ? staff.passwordHash : null, opts.password);

  if (!staff || !usable || !passwordOk) {
    // After the answer, so every failure answers after the same work (see verify-patient-credentials).
    await (opts.defer ?? inline)(() =>
      db.transaction(async (tx) => {
        if (staff && usable && (await countFailure(tx, "staff_user", staff.id, opts.now))) {
          await recordAuditEvent(tx, {
            event: "staff.locked",
            actorType: "system",
            actorStaffId: staff.id,
            details: { minutes: LOCKOUT.lockMinutes },
          });
        }
        await recordAuditEvent(tx, {
          event: "staff.sign_in_failed",
          actorType: "anonymous",
          actorStaffId: staff?.id ?? null,
          details: {
            email: emailHmac(opts.email),
            reason: !staff ? "unknown" : !staff.active ? "inactive" : locked ? "locked" : "wrong_password",
          },
        });
      }),
    );
    return null;
  }

  if (staff.passwordHash && needsRehash(staff.passwordHash))
    await replaceStaffPasswordHash(db, { staffId: staff.id, newHash: await hashPassword(opts.password) });
  return { id: staff.id, name: staff.name, role: staff.role, sessionVersion: staff.sessionVersion };
}
