// Per-account throttling and lockout after repeated failures (SECURITY.md S1); neither ever shows in a message.
// From the 5th failure in a row the account waits 1, 2, 4, 8, 16 seconds before it checks a password again; the
// 10th locks it for 15 minutes. While it waits, attempts are refused without counting, so at most 10 wrong
// passwords can be tried per 15 minutes and 31 seconds: about 39 an hour, under the 100 an hour cap.
import { sql, type AnyColumn } from "drizzle-orm";

export const LOCKOUT = { delayFrom: 5, maxFailures: 10, lockMinutes: 15 } as const;

/** Seconds the account refuses every attempt after its `failures`-th failure in a row. */
export function waitAfterFailure(failures: number): number {
  if (failures >= LOCKOUT.maxFailures) return LOCKOUT.lockMinutes * 60;
  if (failures >= LOCKOUT.delayFrom) return 2 ** (failures - LOCKOUT.delayFrom);
  return 0;
}

/** The SET clause for a failed sign-in on any table with failed_login_count and locked_until. */
export function failedSignInChanges(columns: { failedLoginCount: AnyColumn; lockedUntil: AnyColumn }, now: Date) {
  const at = now.toISOString();
  return {
    failedLoginCount: sql`${columns.failedLoginCount} + 1`,
    lockedUntil: sql`case
      when ${columns.failedLoginCount} + 1 >= ${LOCKOUT.maxFailures} then ${at}::timestamptz + make_interval(mins => ${LOCKOUT.lockMinutes})
      when ${columns.failedLoginCount} + 1 >= ${LOCKOUT.delayFrom}
        then ${at}::timestamptz + make_interval(secs => power(2, ${columns.failedLoginCount} + 1 - ${LOCKOUT.delayFrom}))
      else ${columns.lockedUntil} end`,
  };
}
