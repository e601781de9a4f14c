// A chart import's reads and writes: the on-file patients its chart numbers could refer to, the charts it adds,
// and the updates it makes under the same optimistic version check as a staff save.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { patients } from "../schema";

// Well under PostgreSQL's 65,535 bind parameters, whatever the file's size.
const CHUNK = 1000;

/** Patients whose chart number, upper-cased, is one of `keys` (already upper-case). */
export async function patientsByChartNumbers(db: Pick<Db, "select">, keys: readonly string[]) {
  const found = [];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db
      .select({
        id: patients.id,
        version: patients.version,
        chartNumber: patients.chartNumber,
        firstName: patients.firstName,
        lastName: patients.lastName,
        dateOfBirth: patients.dateOfBirth,
        email: patients.email,
        zip: patients.zip,
        phone: patients.phone,
        addressLine1: patients.addressLine1,
        addressLine2: patients.addressLine2,
        city: patients.city,
        state: patients.state,
        chartStatus: patients.chartStatus,
        portalAccessEnabled: patients.portalAccessEnabled,
        preferredLanguage: patients.preferredLanguage,
      })
      .from(patients)
      .where(inArray(sql`upper(${patients.chartNumber})`, keys.slice(i, i + CHUNK)));
    found.push(...rows);
  }
  return found;
}

/** Adds the charts; their ids in the order given. */
export async function insertImportedPatients(
  tx: Tx,
  records: readonly (typeof patients.$inferInsert)[],
): Promise<string[]> {
  const added = await tx
    .insert(patients)
    .values([...records])
    .returning({ id: patients.id });
  return added.map((r) => r.id);
}

/** Writes an import's changes to a patient still at `version`; false when someone changed it since. */
export async function updateImportedPatient(
  tx: Tx,
  opts: { id: string; version: number; changes: Partial<typeof patients.$inferInsert> },
): Promise<boolean> {
  const updated = await tx
    .update(patients)
    .set({ ...opts.changes, version: sql`${patients.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(patients.id, opts.id), eq(patients.version, opts.version)))
    .returning({ id: patients.id });
  return updated.length > 0;
}
