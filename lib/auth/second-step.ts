// The second step of a sign-in (docs/security.md M2, M6): a code from an authenticator app, a staff recovery code
// or a code emailed to a patient. Per-address limits come first; a wrong, old or reused code costs the same work,
// gets the same answer, and counts toward the same per-account waits and lock as a wrong password.
import type { Db, Tx } from "@/db/client";
import { findPatientAccountForCompletion, findStaffForCompletion } from "@/db/queries/sign-ins";
import { findTotpFactors, takeTotpStep, touchEmailFactor } from "@/db/queries/second-factors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { unseal } from "@/lib/crypto/seal";
import type { AccountRef } from "@/lib/second-factor/account-ref";
import { checkEmailCode } from "@/lib/second-factor/email-code";
// Named for what it does here: biome reads a "use…" call as a React hook.
import { useRecoveryCode as spendRecoveryCode } from "@/lib/second-factor/recovery-codes";
import { matchTotp } from "@/lib/second-factor/totp";
import type { SecondStepMethod } from "@/lib/validation/second-step";
import { countPatientFailure } from "./count-patient-failure";
import { inline, type Defer } from "./defer";
import { countFailure } from "./lockout";
import { type PendingSignIn, passPendingSignIn } from "./pending-sign-in";
import { runWithinSignInLimit } from "./sign-in-limit";

/** True when the code was right and the pending sign-in is now passed (complete it with lib/auth/complete-sign-in). */
export async function checkSecondStep(
  db: Db,
  opts: { pending: PendingSignIn; method: SecondStepMethod; code: string; address: string; now: Date; defer?: Defer },
): Promise<boolean> {
  const { pending, now } = opts;
  const owner = pending.owner;
  const run = await runWithinSignInLimit(
    db,
    { kind: owner.kind, address: opts.address, now, defer: opts.defer },
    async () => {
      const account = await lockState(db, owner);
      const usable = !!account && !(account.lockedUntil && account.lockedUntil > now);
      const right = usable && (await codeIsRight(db, owner, opts.method, opts.code, now));
      if (right) return passPendingSignIn(db, { id: pending.id, method: `password+${opts.method}`, now });
      // After the answer, as for a wrong password: every refusal answers after the same work.
      await (opts.defer ?? inline)(() =>
        db.transaction(async (tx) => {
          if (account && usable) {
            if (owner.kind === "staff") await countFailure(tx, "staff_user", owner.id, now);
            else await countPatientFailure(tx, { accountId: account.accountId!, patientId: owner.id, now });
          }
          await recordAuditEvent(tx, {
            event: "second_factor.failed",
            ...(owner.kind === "staff"
              ? { actorType: "anonymous", actorStaffId: owner.id }
              : { actorType: "anonymous", patientId: owner.id }),
            details: { method: opts.method, reason: usable ? "wrong_code" : "locked" },
          });
        }),
      );
      return false;
    },
    (passed) => passed,
  );
  return !run.limited && run.result;
}

/** The account's lock as a sign-in step reads it; null for a deactivated staff member or a patient with no account. */
export async function lockState(db: Db | Tx, owner: AccountRef) {
  if (owner.kind === "staff") {
    const staff = await findStaffForCompletion(db, owner.id);
    return staff?.active
      ? { lockedUntil: staff.lockedUntil, accountId: null, sessionVersion: staff.sessionVersion }
      : null;
  }
  const row = await findPatientAccountForCompletion(db, owner.id);
  return row ? { lockedUntil: row.lockedUntil, accountId: row.accountId, sessionVersion: row.sessionVersion } : null;
}

async function codeIsRight(db: Db, owner: AccountRef, method: SecondStepMethod, code: string, now: Date) {
  switch (method) {
    case "totp":
      return spendTotpCode(db, owner, code, now);
    case "recovery_code":
      return (
        owner.kind === "staff" && db.transaction((tx) => spendRecoveryCode(tx, { staffId: owner.id, typed: code, now }))
      );
    case "email_code":
      return (
        owner.kind === "patient" &&
        db.transaction(async (tx) => {
          const right =
            (await checkEmailCode(tx, { patientId: owner.id, purpose: "sign_in", typed: code, now })) === "ok";
          if (right) await touchEmailFactor(tx, { patientId: owner.id, now });
          return right;
        })
      );
  }
}

/** Any of the owner's authenticator apps; the step it matched is taken atomically, so a code works once (M2). */
export async function spendTotpCode(db: Db, owner: AccountRef, code: string, now: Date): Promise<boolean> {
  const factors = await findTotpFactors(db, owner);
  let taken = false;
  for (const f of factors) {
    const step = matchTotp({ secret: unseal<string>(f.secretSealed!), typed: code, afterStep: f.lastStep, now });
    if (step !== null && !taken) taken = await takeTotpStep(db, { factorId: f.id, step, now });
  }
  return taken;
}
