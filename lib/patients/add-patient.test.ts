// Adding a patient on a real database: two staff saving one chart number at the same moment get the same clear
// answer, never an error page whose log would carry the patient's details (docs/security.md L1).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { patients, staffUsers } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { patientRecordSchema } from "@/lib/validation/patient-record";
import { addPatient } from "./add-patient";

const record = (firstName: string) =>
  patientRecordSchema.parse({
    chartNumber: "RACE7",
    firstName,
    lastName: "Racewell",
    dateOfBirth: "1966-04-12",
    email: "racewell@example.com",
    phone: "555-0100",
    addressLine1: "7 Race Street",
    addressLine2: "",
    city: "Springfield",
    state: "IL",
    zip: "62704",
  });

describe.each(DB_KINDS)("addPatient (%s)", (kind) => {
  let t: TestDb;
  let staffId: string;
  beforeAll(async () => {
    t = await openTestDb(kind);
    const [s] = await t.db
      .insert(staffUsers)
      .values({ email: "race.desk@example.com", name: "Race Desk", role: "front_desk" })
      .returning({ id: staffUsers.id });
    staffId = s.id;
  });
  afterAll(async () => t?.close());

  it("six parallel saves of chart number RACE7: one patient is added, the other five are told the number is taken", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        addPatient(t.db, { record: record(`Racer${i}`), staffId, allowDuplicate: true, now: new Date() }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const values = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof addPatient>>>).value);
    expect(values.filter((v) => v.ok)).toHaveLength(1);
    expect(values.filter((v) => !v.ok)).toEqual(Array(5).fill({ ok: false, reason: "chart_number_taken" }));
    expect(await t.db.select({ id: patients.id }).from(patients).where(eq(patients.chartNumber, "RACE7"))).toHaveLength(
      1,
    );
  });
});
