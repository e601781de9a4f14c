// The patient columns that carry rules of their own (email, portal access): read locked, and written only by
// the lib/ function for that rule.
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { patients } from "../schema";

/** The email columns of one patient, locked until the transaction ends. */
export async function lockPatientEmail(db: Db, patientId: string) {
  const [row] = await db
    .select({
      email: patients.email,
      emailChangedAt: patients.emailChangedAt,
      emailBeforeChange: patients.emailBeforeChange,
    })
    .from(patients)
    .where(eq(patients.id, patientId))
    .for("update");
  return row ?? null;
}

export async function writePatientEmail(
  db: Db,
  opts: { patientId: string; email: string | null; changed?: { at: Date; before: string | null } },
): Promise<void> {
  await db
    .update(patients)
    .set({
      email: opts.email,
      ...(opts.changed ? { emailChangedAt: opts.changed.at, emailBeforeChange: opts.changed.before } : {}),
    })
    .where(eq(patients.id, opts.patientId));
}

/** Returns false when there is no such patient. */
export async function writePortalAccess(
  db: Db,
  opts: { patientId: string; enabled: boolean; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(patients)
    .set({ portalAccessEnabled: opts.enabled, updatedAt: opts.now })
    .where(eq(patients.id, opts.patientId))
    .returning({ id: patients.id });
  return rows.length > 0;
}
