// Per-account throttling and lockout after repeated failures (docs/security.md S1); neither ever shows in a message.
// From the 5th failure in a row the account waits 1, 2, 4, 8, 16 seconds before it checks a password again; the
// 10th locks it for 15 minutes. While it waits, attempts are refused without counting, so at most 10 wrong
// passwords can be tried per 15 minutes and 31 seconds: about 39 an hour, under the 100 an hour cap.
import { eq, sql, type AnyColumn } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { portalAccounts, staffUsers } from "@/db/schema";

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

/** Counts one failure against a patient account or a staff user; true when this failure set the 15-minute lock. */
export async function countFailure(
  tx: Tx,
  table: typeof portalAccounts | typeof staffUsers,
  id: string,
  now: Date,
): Promise<boolean> {
  const [after] = await tx
    .update(table)
    .set(failedSignInChanges(table, now))
    .where(eq(table.id, id))
    .returning({ failures: table.failedLoginCount });
  return after?.failures === LOCKOUT.maxFailures;
}
