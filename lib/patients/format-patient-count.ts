// Status counts on the patient list stop at a cap (db/queries/patients.ts): past it staff read "10,000+".

/** Counting stops one past this, so a count costs the same at 10 thousand patients as at 10 million. */
export const PATIENT_COUNT_CAP = 10_000;

export function formatPatientCount(n: number, cap = PATIENT_COUNT_CAP): string {
  return n > cap ? `${cap.toLocaleString("en-US")}+` : n.toLocaleString("en-US");
}
