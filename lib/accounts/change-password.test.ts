// Changing the password while signed in: the current password is required, and guessing it counts towards the
// same wait and lock as sign-in, so a stolen session cannot be used to try passwords.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { portalAccounts } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { verifyPatientCredentials } from "@/lib/auth/verify-patient-credentials";
import { changePassword } from "./change-password";

const current = "an old password nobody guesses";
const next = "a brand new harbour walk at dusk";

describe.each(DB_KINDS)("change password (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  const account = async (patientId: string) =>
    (
      await t.db
        .select({
          hash: portalAccounts.passwordHash,
          failures: portalAccounts.failedLoginCount,
          lockedUntil: portalAccounts.lockedUntil,
        })
        .from(portalAccounts)
        .where(eq(portalAccounts.patientId, patientId))
    )[0];
  const refusals = async (patientId: string) =>
    (
      await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from audit_events where event = 'account.password_change_refused' and patient_id = ${patientId}`,
      )
    )[0].n;

  it("a wrong current password changes nothing, is audited and counts as a failed sign-in", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: "changer.one" });
    const before = await account(p.id);
    expect(
      await changePassword(t.db, {
        patientId: p.id,
        current: "not my password at all",
        password: next,
        now: new Date(),
      }),
    ).toEqual({
      ok: false,
      field: "current",
      message: "Your current password is not right.",
    });
    const after = await account(p.id);
    expect(after.hash).toBe(before.hash);
    expect(after.failures).toBe(1);
    expect(await refusals(p.id)).toBe(1);
  });

  it("explains a refused new password in the patient's language, and keeps the old one", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: "changer.three" });
    const before = await account(p.id);
    const refused = (locale: "en" | "es") =>
      changePassword(t.db, { patientId: p.id, current, password: "too short", now: new Date(), locale });
    expect(await refused("es")).toEqual({
      ok: false,
      field: "password",
      message: "Su contraseña debe tener al menos 15 caracteres.",
    });
    expect(await refused("en")).toEqual({
      ok: false,
      field: "password",
      message: "Your password must be at least 15 characters.",
    });
    expect((await account(p.id)).hash).toBe(before.hash);
  });

  it("ten wrong guesses lock the account: the right current password is refused too, and sign-in is locked", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: "changer.two" });
    const t0 = Date.now();
    for (let i = 0; i < 10; i++)
      await changePassword(t.db, {
        patientId: p.id,
        current: `guess number ${i}`,
        password: next,
        now: new Date(t0 + i * 60_000),
      });
    const at = new Date(t0 + 10 * 60_000);
    expect((await account(p.id)).lockedUntil!.getTime()).toBeGreaterThan(at.getTime());
    expect((await changePassword(t.db, { patientId: p.id, current, password: next, now: at })).ok).toBe(false);
    expect(await verifyPatientCredentials(t.db, { username: "changer.two", password: current, now: at })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect((await account(p.id)).failures).toBe(10);
    // Once the lock has passed, the right current password works and the new one signs in.
    const later = new Date(t0 + 30 * 60_000);
    expect(await changePassword(t.db, { patientId: p.id, current, password: next, now: later })).toEqual({ ok: true });
    expect((await account(p.id)).failures).toBe(0);
    expect((await verifyPatientCredentials(t.db, { username: "changer.two", password: next, now: later })).ok).toBe(
      true,
    );
  });
});
