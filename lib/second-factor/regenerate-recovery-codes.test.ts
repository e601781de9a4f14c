// New recovery codes ask for the password again (M5): a wrong one is refused and counts towards the staff
// member's sign-in lock; a right one replaces every earlier code with ten new ones.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { staffUsers } from "@/db/schema";
import { LOCKOUT } from "@/lib/auth/lockout";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { issueRecoveryCodes, recoveryCodesLeft, useRecoveryCode } from "./recovery-codes";
import { regenerateRecoveryCodes } from "./regenerate-recovery-codes";

const PASSWORD = "a long enough staff password";

describe.each(DB_KINDS)("making new recovery codes (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  async function staffWithCodes() {
    const email = `desk.${randomUUID().slice(0, 8)}@clinic.test`;
    const made = await createStaffUser(t.db, { name: "Sam Staff", email, role: "front_desk", password: PASSWORD });
    if (!made.ok) throw new Error("could not create staff");
    const codes = await t.db.transaction((tx) => issueRecoveryCodes(tx, { staffId: made.id, now: new Date() }));
    return { id: made.id, codes };
  }
  const row = async (id: string) => (await t.db.select().from(staffUsers).where(eq(staffUsers.id, id)))[0];
  const refusals = (id: string) =>
    queryRows<{ details: Record<string, unknown> }>(
      t.db,
      sql`select details from audit_events where event = 'second_factor.recovery_codes_refused' and actor_staff_id = ${id}`,
    );

  it("while the account waits after a failure, no password is checked and nothing more is counted", async () => {
    const s = await staffWithCodes();
    const now = new Date();
    await t.db
      .update(staffUsers)
      .set({ failedLoginCount: 5, lockedUntil: new Date(now.getTime() + 1_000) })
      .where(eq(staffUsers.id, s.id));
    expect(await regenerateRecoveryCodes(t.db, { staffId: s.id, password: PASSWORD, now })).toEqual({
      ok: false,
      reason: "wrong_password",
    });
    expect((await row(s.id)).failedLoginCount).toBe(5);
    expect(await recoveryCodesLeft(t.db, s.id)).toBe(10);
  });

  it("a wrong password is refused, counts towards the lock, is audited without the password, and keeps the old codes", async () => {
    const s = await staffWithCodes();
    const result = await regenerateRecoveryCodes(t.db, { staffId: s.id, password: "not my password", now: new Date() });
    expect(result).toEqual({ ok: false, reason: "wrong_password" });
    expect((await row(s.id)).failedLoginCount).toBe(1);
    const [audit] = await refusals(s.id);
    expect(audit.details).toEqual({ reason: "wrong_password" });
    expect(JSON.stringify(audit)).not.toContain("not my password");
    expect(await recoveryCodesLeft(t.db, s.id)).toBe(10);
    expect(
      await t.db.transaction((tx) => useRecoveryCode(tx, { staffId: s.id, typed: s.codes[0], now: new Date() })),
    ).toBe(true);
  });

  it("ten wrong passwords lock the account, and then even the right one is refused without being counted", async () => {
    const s = await staffWithCodes();
    // Each try after the previous one's wait, as the sign-in's waits allow.
    let now = new Date();
    for (let i = 0; i < LOCKOUT.maxFailures; i++) {
      now = new Date(now.getTime() + 20_000);
      await regenerateRecoveryCodes(t.db, { staffId: s.id, password: `wrong ${i}`, now });
    }
    const locked = await row(s.id);
    expect(locked.failedLoginCount).toBe(LOCKOUT.maxFailures);
    expect(locked.lockedUntil!.getTime()).toBe(now.getTime() + LOCKOUT.lockMinutes * 60_000);
    const [{ n }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_events where event = 'staff.locked' and actor_staff_id = ${s.id}`,
    );
    expect(n).toBe(1);
    expect(await regenerateRecoveryCodes(t.db, { staffId: s.id, password: PASSWORD, now })).toEqual({
      ok: false,
      reason: "wrong_password",
    });
    expect((await row(s.id)).failedLoginCount).toBe(LOCKOUT.maxFailures);
    expect((await refusals(s.id)).at(-1)?.details).toEqual({ reason: "locked" });
  });

  it("the right password replaces every earlier code with ten new ones, shown once", async () => {
    const s = await staffWithCodes();
    await t.db.transaction((tx) => useRecoveryCode(tx, { staffId: s.id, typed: s.codes[0], now: new Date() }));
    expect(await recoveryCodesLeft(t.db, s.id)).toBe(9);
    const result = await regenerateRecoveryCodes(t.db, { staffId: s.id, password: PASSWORD, now: new Date() });
    if (!result.ok) throw new Error("refused");
    expect(new Set(result.codes).size).toBe(10);
    expect(result.codes.some((c) => s.codes.includes(c))).toBe(false);
    expect(await recoveryCodesLeft(t.db, s.id)).toBe(10);
    const use = (typed: string) =>
      t.db.transaction((tx) => useRecoveryCode(tx, { staffId: s.id, typed, now: new Date() }));
    expect(await use(s.codes[1])).toBe(false);
    expect(await use(result.codes[0])).toBe(true);
    expect(await recoveryCodesLeft(t.db, s.id)).toBe(9);
  });
});
