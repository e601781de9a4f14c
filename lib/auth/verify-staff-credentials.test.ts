import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { staffUsers } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { verifyStaffCredentials } from "./verify-staff-credentials";

const password = "correct horse battery staple";

describe.each(DB_KINDS)("staff sign-in checks (%s)", (kind) => {
  let t: TestDb;
  const now = new Date();
  beforeAll(async () => {
    t = await openTestDb(kind);
    const created = await createStaffUser(t.db, {
      name: "Dana Desk",
      email: "Dana@Clinic.test",
      role: "front_desk",
      password,
    });
    expect(created.ok).toBe(true);
  });
  afterAll(() => t?.close());

  it("accepts the right password, ignoring the email's letter case", async () => {
    const staff = await verifyStaffCredentials(t.db, { email: "dana@clinic.test", password, now });
    expect(staff).toMatchObject({ name: "Dana Desk", role: "front_desk" });
  });

  it("refuses a wrong password and an unknown email alike, and audits both without the email itself", async () => {
    expect(
      await verifyStaffCredentials(t.db, { email: "dana@clinic.test", password: "wrong password here", now }),
    ).toBeNull();
    expect(await verifyStaffCredentials(t.db, { email: "nobody@clinic.test", password, now })).toBeNull();
    const rows = await queryRows<{ details: unknown }>(
      t.db,
      sql`select details from audit_events where event = 'staff.sign_in_failed'`,
    );
    expect(rows.length).toBe(2);
    expect(JSON.stringify(rows)).not.toMatch(/clinic\.test|wrong password/);
  });

  it("locks after 10 failures, refuses even the right password while locked, and never says so", async () => {
    await t.db.update(staffUsers).set({ failedLoginCount: 0, lockedUntil: null });
    // A minute apart, so every one is counted (from the 5th the account waits up to 16 s between checks).
    for (let i = 0; i < 10; i++)
      await verifyStaffCredentials(t.db, {
        email: "dana@clinic.test",
        password: "still wrong",
        now: new Date(now.getTime() - (9 - i) * 60_000),
      });
    const [row] = await t.db
      .select({ lockedUntil: staffUsers.lockedUntil })
      .from(staffUsers)
      .where(eq(staffUsers.email, "dana@clinic.test"));
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(now.getTime() + 14 * 60_000);
    expect(await verifyStaffCredentials(t.db, { email: "dana@clinic.test", password, now })).toBeNull();
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(await verifyStaffCredentials(t.db, { email: "dana@clinic.test", password, now: later })).not.toBeNull();
  });

  it("refuses a deactivated staff member", async () => {
    await t.db.update(staffUsers).set({ active: false });
    expect(await verifyStaffCredentials(t.db, { email: "dana@clinic.test", password, now })).toBeNull();
    await t.db.update(staffUsers).set({ active: true });
  });

  it("refuses a duplicate email and a short password when creating staff, writing nothing", async () => {
    const dup = await createStaffUser(t.db, { name: "Other", email: "DANA@clinic.test", role: "admin", password });
    expect(dup).toEqual({ ok: false, errors: { email: ["A staff user with this email already exists"] } });
    const short = await createStaffUser(t.db, {
      name: "Shorty",
      email: "s@clinic.test",
      role: "admin",
      password: "fourteen chars",
    });
    expect(short.ok).toBe(false);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from staff_users`);
    expect(n).toBe(1);
  });

  it("answers a failure before writing anything; the deferred work counts it", async () => {
    const created = await createStaffUser(t.db, {
      name: "Lee Later",
      email: "lee@clinic.test",
      role: "front_desk",
      password,
    });
    expect(created.ok).toBe(true);
    const count = async () =>
      (
        await t.db
          .select({ n: staffUsers.failedLoginCount })
          .from(staffUsers)
          .where(eq(staffUsers.email, "lee@clinic.test"))
      )[0].n;
    const queued: (() => Promise<unknown>)[] = [];
    const defer = (work: () => Promise<unknown>) => void queued.push(work);
    expect(
      await verifyStaffCredentials(t.db, { email: "lee@clinic.test", password: "wrong password here", now, defer }),
    ).toBeNull();
    expect(await count()).toBe(0);
    expect(queued).toHaveLength(1);
    await queued[0]();
    expect(await count()).toBe(1);
  });
});
