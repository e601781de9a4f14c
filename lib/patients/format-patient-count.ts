// Status counts on the patient list stop at a cap (db/queries/patients.ts): past it staff read "10,000+".

import { PATIENT_COUNT_CAP } from "@/db/queries/patients";

export { PATIENT_COUNT_CAP };

export function formatPatientCount(n: number, cap = PATIENT_COUNT_CAP): string {
  return n > cap ? `${cap.toLocaleString("en-US")}+` : n.toLocaleString("en-US");
}
