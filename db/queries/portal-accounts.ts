// Writes to a patient's portal account that are not about signing in.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { portalAccounts } from "../schema";

/** Moves the account's session_version on, which every open session was issued with. */
export async function bumpPatientSessionVersion(db: Db, patientId: string): Promise<void> {
  await db
    .update(portalAccounts)
    .set({ sessionVersion: sql`${portalAccounts.sessionVersion} + 1` })
    .where(eq(portalAccounts.patientId, patientId));
}
