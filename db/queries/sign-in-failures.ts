// Failed sign-ins counted on a patient account or a staff user, with the wait or lock they set, in one UPDATE so
// that simultaneous failures each count. The thresholds are the caller's (lib/auth/lockout.ts).
import { eq, sql, type AnyColumn } from "drizzle-orm";
import type { Tx } from "../client";
import { portalAccounts, staffUsers } from "../schema";

export type LockoutPolicy = { delayFrom: number; maxFailures: number; lockMinutes: number };

function failedSignInChanges(
  columns: { failedLoginCount: AnyColumn; lockedUntil: AnyColumn },
  policy: LockoutPolicy,
  now: Date,
) {
  const at = now.toISOString();
  return {
    failedLoginCount: sql`${columns.failedLoginCount} + 1`,
    lockedUntil: sql`case
      when ${columns.failedLoginCount} + 1 >= ${policy.maxFailures} then ${at}::timestamptz + make_interval(mins => ${policy.lockMinutes})
      when ${columns.failedLoginCount} + 1 >= ${policy.delayFrom}
        then ${at}::timestamptz + make_interval(secs => power(2, ${columns.failedLoginCount} + 1 - ${policy.delayFrom}))
      else ${columns.lockedUntil} end`,
  };
}

/** Counts one failure; returns the failures in a row now on record (undefined when the row is gone). */
export async function addSignInFailure(
  tx: Tx,
  opts: { who: "patient_account" | "staff_user"; id: string; policy: LockoutPolicy; now: Date },
): Promise<number | undefined> {
  const table = opts.who === "patient_account" ? portalAccounts : staffUsers;
  const [after] = await tx
    .update(table)
    .set(failedSignInChanges(table, opts.policy, opts.now))
    .where(eq(table.id, opts.id))
    .returning({ failures: table.failedLoginCount });
  return after?.failures;
}

/** Staff lift a patient's sign-in lock; false when the patient has no account. */
export async function clearPatientSignInLock(tx: Tx, patientId: string): Promise<boolean> {
  const rows = await tx
    .update(portalAccounts)
    .set({ lockedUntil: null, failedLoginCount: 0 })
    .where(eq(portalAccounts.patientId, patientId))
    .returning({ id: portalAccounts.id });
  return rows.length > 0;
}
