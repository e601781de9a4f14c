// Checks a patient's password. Unknown user, wrong password and locked account look the same and cost one Argon2
// verification each (docs/security.md P6). A right password is not yet a sign-in: lib/auth/complete-sign-in.ts
// records that (and the first activation, S5) once any second step is passed too.
import type { Db } from "@/db/client";
import { findPatientAccountForSignIn, replacePatientPasswordHash } from "@/db/queries/sign-ins";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { canAccessPortal } from "@/lib/patients/portal-status";
import { hashPassword, needsRehash, verifyPassword } from "./password-hash";
import { countPatientFailure } from "./count-patient-failure";
import { inline, type Defer } from "./defer";

export type PatientIdentity = {
  patientId: string;
  accountId: string;
  username: string;
  sessionVersion: number;
  /** The kinds of second step the patient has set up ("totp", "email", "passkey"); empty for none. */
  factorKinds: string[];
};
export type PatientSignInResult =
  | { ok: true; patient: PatientIdentity }
  | { ok: false; reason: "invalid" | "access_off" };

export async function verifyPatientCredentials(
  db: Db,
  opts: { username: string; password: string; now: Date; defer?: Defer },
): Promise<PatientSignInResult> {
  const row = await findPatientAccountForSignIn(db, opts.username.trim().toLowerCase());

  const locked = !!row?.lockedUntil && row.lockedUntil > opts.now;
  const passwordOk = await verifyPassword(row && !locked ? row.passwordHash : null, opts.password);

  if (!row || locked || !passwordOk) {
    // The bookkeeping differs by outcome (a wrong password counts towards the lock), so it runs after the answer
    // is sent: every failure then answers after the same select and the same hash (docs/security.md P6).
    await (opts.defer ?? inline)(() =>
      db.transaction(async (tx) => {
        if (row && !locked)
          await countPatientFailure(tx, { accountId: row.accountId, patientId: row.patientId, now: opts.now });
        await recordAuditEvent(tx, {
          event: "patient.sign_in_failed",
          actorType: "anonymous",
          patientId: row?.patientId ?? null,
          details: { reason: !row ? "unknown" : locked ? "locked" : "wrong_password" },
        });
      }),
    );
    return { ok: false, reason: "invalid" };
  }

  // Only someone who knows the password learns that access is off, and is told whom to call.
  if (!canAccessPortal(row)) {
    await recordAuditEvent(db, {
      event: "patient.sign_in_refused_inactive",
      actorType: "patient",
      patientId: row.patientId,
    });
    return { ok: false, reason: "access_off" };
  }

  if (needsRehash(row.passwordHash))
    await replacePatientPasswordHash(db, { accountId: row.accountId, newHash: await hashPassword(opts.password) });
  return {
    ok: true,
    patient: {
      patientId: row.patientId,
      accountId: row.accountId,
      username: row.username,
      sessionVersion: row.sessionVersion,
      factorKinds: row.factorKinds,
    },
  };
}
