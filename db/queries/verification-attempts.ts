// Verification requests as the forms record them (typed details sealed by the caller); the worker reads them later.
import type { Db } from "../client";
import { verificationAttempts } from "../schema";

export async function insertVerificationAttempt(db: Db, values: typeof verificationAttempts.$inferInsert) {
  await db.insert(verificationAttempts).values(values);
}
