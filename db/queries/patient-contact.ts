// What a signed-in patient may see of their own chart: contact details only.
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { patients } from "../schema";

export async function getPatientContact(db: Db | Tx, patientId: string) {
  const [p] = await db
    .select({
      firstName: patients.firstName,
      lastName: patients.lastName,
      dateOfBirth: patients.dateOfBirth,
      email: patients.email,
      phone: patients.phone,
      line1: patients.addressLine1,
      line2: patients.addressLine2,
      city: patients.city,
      state: patients.state,
      zip: patients.zip,
      preferredLanguage: patients.preferredLanguage,
    })
    .from(patients)
    .where(eq(patients.id, patientId));
  if (!p) return null;
  return {
    name: `${p.firstName} ${p.lastName}`,
    dateOfBirth: p.dateOfBirth,
    email: p.email,
    phone: p.phone,
    address: { line1: p.line1, line2: p.line2, city: p.city, state: p.state, zip: p.zip },
    preferredLanguage: p.preferredLanguage,
  };
}
