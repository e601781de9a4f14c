// Small builders for integration tests: one patient (and optionally an account) with sensible defaults.
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { patients, portalAccounts } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import { createStaffUser } from "@/lib/staff/create-staff-user";

export type PatientOverrides = Partial<typeof patients.$inferInsert>;

export async function insertPatient(db: Db, o: PatientOverrides = {}) {
  const [row] = await db
    .insert(patients)
    .values({
      chartNumber: `T-${randomUUID().slice(0, 8)}`,
      firstName: "Pat",
      lastName: "García-López",
      dateOfBirth: "1980-02-29",
      email: `pat.${randomUUID().slice(0, 8)}@example.com`,
      zip: "62701",
      portalAccessEnabled: true,
      ...o,
    })
    .returning();
  return row;
}

export async function insertAccount(
  db: Db,
  patientId: string,
  o: { username?: string; password?: string; activated?: boolean } = {},
) {
  const [row] = await db
    .insert(portalAccounts)
    .values({
      patientId,
      username: o.username ?? `user${randomUUID().slice(0, 6)}`,
      passwordHash: await hashPassword(o.password ?? "an old password nobody guesses"),
      activatedAt: o.activated ? new Date() : null,
    })
    .returning();
  return row;
}

/** A front-desk staff member (through the real create path), for tests that need a staff id on changes. */
export async function insertFrontDesk(db: Db, email: string): Promise<string> {
  const s = await createStaffUser(db, {
    name: "Desk",
    email,
    role: "front_desk",
    password: "a long enough staff password",
  });
  if (!s.ok) throw new Error(`could not create staff member ${email}`);
  return s.id;
}
