// patients.portal_status is kept by triggers: every change that can move a patient between statuses must move it,
// and the dash must show the stored value with reasons that agree with it. Also: status counts stop at a cap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { patients, portalAccounts } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { queryRows } from "@/db/rows";
import { countPatientsByStatus, getPatientDash, listPatients } from "./patients";
import { inactiveReasons, type PortalStatusKind } from "../portal-status";

describe.each(DB_KINDS)("stored portal status follows every change (%s)", (kind) => {
  let t: TestDb;
  const now = new Date();
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  /** The stored status, checked against what the dash shows for the same row and the reasons it gives. */
  const status = async (id: string) => {
    const dash = (await getPatientDash(t.db, id, now))!;
    const [row] = await queryRows<{ portal_status: PortalStatusKind }>(
      t.db,
      sql`select portal_status from patients where id = ${id}::uuid`,
    );
    expect(dash.status.kind).toBe(row.portal_status);
    expect(inactiveReasons(dash).length > 0).toBe(row.portal_status === "inactive");
    return row.portal_status;
  };
  const addPatient = async (chartNumber: string, values: Partial<typeof patients.$inferInsert> = {}) => {
    const [row] = await t.db
      .insert(patients)
      .values({
        chartNumber,
        firstName: "Pat",
        lastName: "Trigger",
        dateOfBirth: "1980-01-01",
        email: "pat@example.com",
        zip: "62701",
        portalAccessEnabled: true,
        ...values,
      })
      .returning({ id: patients.id });
    return row.id;
  };

  it("moves with the patient's own columns and with the account's first sign-in", async () => {
    const id = await addPatient("T1");
    expect(await status(id)).toBe("unactivated");
    await t.db.insert(portalAccounts).values({ patientId: id, username: "trigger1", passwordHash: "x" });
    expect(await status(id)).toBe("unactivated");
    await t.db.update(portalAccounts).set({ activatedAt: now }).where(eq(portalAccounts.patientId, id));
    expect(await status(id)).toBe("active");

    await t.db.update(patients).set({ portalAccessEnabled: false }).where(eq(patients.id, id));
    expect(await status(id)).toBe("inactive");
    await t.db.update(patients).set({ portalAccessEnabled: true }).where(eq(patients.id, id));
    expect(await status(id)).toBe("active");
    for (const change of [
      { email: " \t" },
      { email: null },
      { zip: "" },
      { chartStatus: "deceased" as const },
      { chartStatus: "inactive" as const },
    ]) {
      await t.db.update(patients).set(change).where(eq(patients.id, id));
      expect(await status(id), JSON.stringify(change)).toBe("inactive");
      await t.db
        .update(patients)
        .set({ email: "pat@example.com", zip: "62701", chartStatus: "active" })
        .where(eq(patients.id, id));
      expect(await status(id)).toBe("active");
    }
    // Changes that do not touch the status leave it alone.
    await t.db
      .update(patients)
      .set({ phone: "555-0100", version: sql`${patients.version} + 1` })
      .where(eq(patients.id, id));
    expect(await status(id)).toBe("active");
  });

  it("moves when an account is removed, moved to another chart or created already signed in", async () => {
    const a = await addPatient("T2");
    const b = await addPatient("T3");
    await t.db
      .insert(portalAccounts)
      .values({ patientId: a, username: "trigger2", passwordHash: "x", activatedAt: now });
    expect([await status(a), await status(b)]).toEqual(["active", "unactivated"]);
    await t.db.update(portalAccounts).set({ patientId: b }).where(eq(portalAccounts.patientId, a));
    expect([await status(a), await status(b)]).toEqual(["unactivated", "active"]);
    await t.db.delete(portalAccounts).where(eq(portalAccounts.patientId, b));
    expect(await status(b)).toBe("unactivated");
    // Deleting a patient deletes its account through the cascade; the trigger must not get in the way.
    await t.db
      .insert(portalAccounts)
      .values({ patientId: b, username: "trigger3", passwordHash: "x", activatedAt: now });
    await t.db.delete(patients).where(eq(patients.id, b));
    expect(await getPatientDash(t.db, b, now)).toBeNull();
  });

  it("cannot be written by hand", async () => {
    const id = await addPatient("T4", { portalAccessEnabled: false });
    await t.db.update(patients).set({ portalStatus: "active" }).where(eq(patients.id, id));
    expect(await status(id)).toBe("inactive");
    const [row] = await queryRows<{ portal_status: string }>(
      t.db,
      sql`select portal_status from patients where id = ${id}::uuid`,
    );
    expect(row.portal_status).toBe("inactive");
  });

  it("counts exactly up to the cap and reports cap + 1 past it", async () => {
    for (let i = 0; i < 4; i++) await addPatient(`C${i}`, { lastName: "Capped" });
    const search = { kind: "name" as const, last: "capped" };
    expect(await countPatientsByStatus(t.db, search)).toEqual({ all: 4, inactive: 0, unactivated: 4, active: 0 });
    expect(await countPatientsByStatus(t.db, search, 3)).toEqual({ all: 4, inactive: 0, unactivated: 4, active: 0 });
    expect(await countPatientsByStatus(t.db, search, 2)).toEqual({ all: 3, inactive: 0, unactivated: 3, active: 0 });
    const page = await listPatients(t.db, { search, status: "unactivated", limit: 10, now });
    expect(page.rows).toHaveLength(4);
  });
});
