// The on-file patients a file's chart numbers could refer to, spelled either way (see plan-import).
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { patients } from "@/db/schema";
import type { ExistingPatient } from "./types";

// Well under PostgreSQL's 65,535 bind parameters, whatever the file's size.
const CHUNK = 1000;

export async function findExistingPatients(db: Pick<Db, "select">, chartNumbers: string[]): Promise<ExistingPatient[]> {
  const keys = [...new Set(chartNumbers.map((c) => c.trim().toUpperCase()).filter(Boolean))];
  const found: ExistingPatient[] = [];
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
