// Checks a staff sign-in. Every failure looks the same to the caller and costs one Argon2 verification.
import type { Db } from "@/db/client";
import { findStaffForSignIn, recordStaffSignIn } from "@/db/queries/sign-ins";
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

  const newHash = staff.passwordHash && needsRehash(staff.passwordHash) ? await hashPassword(opts.password) : null;
  await db.transaction(async (tx) => {
    await recordStaffSignIn(tx, { staffId: staff.id, now: opts.now, newHash });
    await recordAuditEvent(tx, { event: "staff.signed_in", actorType: "staff", actorStaffId: staff.id });
  });
  return { id: staff.id, name: staff.name, role: staff.role, sessionVersion: staff.sessionVersion };
}
