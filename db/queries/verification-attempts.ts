// Verification requests as the forms record them (typed details sealed by the caller); the worker reads them later.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { verificationAttempts } from "../schema";

/**
 * One statement for every request. An over-limit one (with `limitWindow` set) adds to the one row of its address
 * and limiter window instead of a row of its own, so a flood cannot grow the table (docs/security.md L2).
 */
export async function insertVerificationAttempt(db: Db, values: typeof verificationAttempts.$inferInsert) {
  await db
    .insert(verificationAttempts)
    .values(values)
    .onConflictDoUpdate({
      target: [verificationAttempts.ipHash, verificationAttempts.limitWindow],
      targetWhere: sql`${verificationAttempts.limitWindow} is not null`,
      set: { repeats: sql`${verificationAttempts.repeats} + 1`, processedAt: values.processedAt },
    });
}
