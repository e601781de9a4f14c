// The on-file patients a file's chart numbers could refer to, spelled either way (see plan-import).
import type { Db } from "@/db/client";
import { patientsByChartNumbers } from "@/db/queries/import-patients";
import type { ExistingPatient } from "./types";

export async function findExistingPatients(db: Pick<Db, "select">, chartNumbers: string[]): Promise<ExistingPatient[]> {
  const keys = [...new Set(chartNumbers.map((c) => c.trim().toUpperCase()).filter(Boolean))];
  return patientsByChartNumbers(db, keys);
}
