// Per-account lockout after repeated failures (SECURITY.md S1); the lock never shows in any message.
import { sql, type AnyColumn } from "drizzle-orm";

export const LOCKOUT = { maxFailures: 10, lockMinutes: 15 } as const;

/** The SET clause for a failed sign-in on any table with failed_login_count and locked_until. */
export function failedSignInChanges(columns: { failedLoginCount: AnyColumn; lockedUntil: AnyColumn }, now: Date) {
  const lockUntil = new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000).toISOString();
  return {
    failedLoginCount: sql`${columns.failedLoginCount} + 1`,
    lockedUntil: sql`case when ${columns.failedLoginCount} + 1 >= ${LOCKOUT.maxFailures}
      then ${lockUntil}::timestamptz else ${columns.lockedUntil} end`,
  };
}
