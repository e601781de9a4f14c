// Writes to patients (and the reads that guard them): adding a chart by hand, and the columns that carry rules of
// their own (email, portal access), read locked and written only by the lib/ function for that rule.
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { patients } from "../schema";
import { portalAccessColumns } from "./portal-access-columns";

/** The email columns of one patient, locked until the transaction ends. */
export async function lockPatientEmail(db: Db, patientId: string) {
  const [row] = await db
    .select({
      email: patients.email,
      emailChangedAt: patients.emailChangedAt,
      emailBeforeChange: patients.emailBeforeChange,
      preferredLanguage: patients.preferredLanguage,
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

/** What decides one patient's portal access, locked until the transaction ends. */
export async function lockPatientAccess(tx: Tx, patientId: string) {
  const [row] = await tx.select(portalAccessColumns).from(patients).where(eq(patients.id, patientId)).for("update");
  return row;
}

/** One patient's whole row, locked until the transaction ends. */
export async function lockPatientRow(tx: Tx, patientId: string) {
  const [row] = await tx.select().from(patients).where(eq(patients.id, patientId)).for("update");
  return row ?? null;
}

/** Writes a staff save of Basic Data (the email goes its own way) at the next version; returns that version. */
export async function writeBasicData(
  tx: Tx,
  opts: { patientId: string; values: Partial<typeof patients.$inferInsert>; version: number; now: Date },
): Promise<number> {
  const [saved] = await tx
    .update(patients)
    .set({ ...opts.values, version: opts.version, updatedAt: opts.now })
    .where(eq(patients.id, opts.patientId))
    .returning({ version: patients.version });
  return saved.version;
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

/** Whether a chart number is in use, compared upper-case. */
export async function chartNumberTaken(tx: Tx, chartNumber: string): Promise<boolean> {
  const [taken] = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(sql`upper(${patients.chartNumber}) = ${chartNumber.toUpperCase()}`);
  return !!taken;
}

/** Everyone born on a day, with what a duplicate check compares. */
export async function patientsBornOn(tx: Tx, dateOfBirth: string) {
  return tx
    .select({ id: patients.id, first: patients.firstName, last: patients.lastName, chartNumber: patients.chartNumber })
    .from(patients)
    .where(eq(patients.dateOfBirth, dateOfBirth));
}

export async function insertPatientRow(tx: Tx, values: typeof patients.$inferInsert): Promise<string> {
  const [row] = await tx.insert(patients).values(values).returning({ id: patients.id });
  return row.id;
}
