// Reads for a chart import: the on-file patients its chart numbers could refer to.
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
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
      })
      .from(patients)
      .where(inArray(sql`upper(${patients.chartNumber})`, keys.slice(i, i + CHUNK)));
    found.push(...rows);
  }
  return found;
}
