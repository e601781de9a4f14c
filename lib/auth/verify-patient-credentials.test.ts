import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { patients, portalAccounts } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { hash } from "@node-rs/argon2";
import { verifyPatientCredentials } from "./verify-patient-credentials";

const password = "an old password nobody guesses";

describe.each(DB_KINDS)("patient sign-in checks (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  it("unknown user, wrong password and locked account give the same answer", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: "same.answer" });
    const unknown = await verifyPatientCredentials(t.db, { username: "nobody.here", password, now: new Date() });
    const wrong = await verifyPatientCredentials(t.db, {
      username: "same.answer",
      password: "not it at all",
      now: new Date(),
    });
    await t.db
      .update(portalAccounts)
      .set({ lockedUntil: new Date(Date.now() + 600_000) })
      .where(eq(portalAccounts.patientId, p.id));
    const locked = await verifyPatientCredentials(t.db, { username: "same.answer", password, now: new Date() });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual(unknown);
    expect(locked).toEqual(unknown);
  });

  it("every failure answers before writing anything, and the deferred work records it (P6)", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: "deferred.writes" });
    const failures = async () =>
      queryRows<{ n: number; count: number }>(
        t.db,
        sql`select (select count(*)::int from audit_events where event = 'patient.sign_in_failed' and patient_id = ${p.id}) as n,
                   (select failed_login_count from portal_accounts where patient_id = ${p.id}) as count`,
      ).then((r) => r[0]);
    const queued: (() => Promise<unknown>)[] = [];
    const defer = (work: () => Promise<unknown>) => void queued.push(work);
    const now = new Date();
    await verifyPatientCredentials(t.db, { username: "nobody.at.all", password, now, defer });
    await verifyPatientCredentials(t.db, { username: "deferred.writes", password: "wrong and wrong", now, defer });
    // Nothing outcome-specific happened before the answer: the wrong password is not yet counted.
    expect(await failures()).toEqual({ n: 0, count: 0 });
    expect(queued).toHaveLength(2);
    for (const work of queued.splice(0)) await work();
    expect(await failures()).toEqual({ n: 1, count: 1 });
    await t.db
      .update(portalAccounts)
      .set({ lockedUntil: new Date(Date.now() + 600_000) })
      .where(eq(portalAccounts.patientId, p.id));
    await verifyPatientCredentials(t.db, { username: "deferred.writes", password, now, defer });
    expect(queued).toHaveLength(1);
  });

  it("a password stored with weaker parameters is rehashed at the next sign-in (P5)", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: "old.hash" });
    const weak = await hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    await t.db.update(portalAccounts).set({ passwordHash: weak }).where(eq(portalAccounts.patientId, p.id));
    expect((await verifyPatientCredentials(t.db, { username: "old.hash", password, now: new Date() })).ok).toBe(true);
    const [acct] = await t.db
      .select({ h: portalAccounts.passwordHash })
      .from(portalAccounts)
      .where(eq(portalAccounts.patientId, p.id));
    expect(acct.h).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    expect((await verifyPatientCredentials(t.db, { username: "old.hash", password, now: new Date() })).ok).toBe(true);
  });

  it("a right password alone records no sign-in: the completion does (lib/auth/complete-sign-in.ts)", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: "not.yet" });
    expect((await verifyPatientCredentials(t.db, { username: "not.yet", password, now: new Date() })).ok).toBe(true);
    const [acct] = await t.db.select().from(portalAccounts).where(eq(portalAccounts.patientId, p.id));
    expect(acct.activatedAt).toBeNull();
    expect(acct.lastLoginAt).toBeNull();
  });

  it("a patient whose access is off is told so only after the right password", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: "switched.off" });
    await t.db.update(patients).set({ portalAccessEnabled: false }).where(eq(patients.id, p.id));
    expect(await verifyPatientCredentials(t.db, { username: "switched.off", password, now: new Date() })).toEqual({
      ok: false,
      reason: "access_off",
    });
    expect(
      await verifyPatientCredentials(t.db, { username: "switched.off", password: "wrong password", now: new Date() }),
    ).toEqual({ ok: false, reason: "invalid" });
    const [acct] = await t.db.select().from(portalAccounts).where(eq(portalAccounts.patientId, p.id));
    expect(acct.activatedAt).toBeNull();
  });

  it("from the 5th failure the account waits before checking again; the 10th locks it for 15 minutes", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: "ten.tries" });
    const t0 = Date.now();
    let clock = t0;
    const attempt = (pw: string, at = clock) =>
      verifyPatientCredentials(t.db, { username: "ten.tries", password: pw, now: new Date(at) });
    const count = async () =>
      (
        await t.db
          .select({ n: portalAccounts.failedLoginCount })
          .from(portalAccounts)
          .where(eq(portalAccounts.patientId, p.id))
      )[0].n;
    for (let i = 0; i < 5; i++) await attempt("nope nope nope");
    // Half a second after the 5th failure even the right password is refused, and that try does not count.
    expect(await attempt(password, clock + 500)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("still not it", clock + 500)).toEqual({ ok: false, reason: "invalid" });
    expect(await count()).toBe(5);
    // The waits double: 1, 2, 4, 8 seconds after the 5th to 8th failures.
    for (const wait of [1, 2, 4, 8]) {
      clock += wait * 1000 + 1;
      await attempt("nope nope nope");
    }
    expect(await count()).toBe(9);
    clock += 16_000 + 1;
    await attempt("nope nope nope");
    expect(await count()).toBe(10);
    expect(await attempt(password, clock + 14 * 60_000)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(password, clock + 15 * 60_000 + 1000)).toMatchObject({ ok: true });
    // The count is cleared only by a completed sign-in, so a known password cannot reset the wrong codes' count.
    expect(await count()).toBe(10);
  });

  it("a patient who gets it right after a few slow mistakes is let in", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: "slow.typist" });
    const t0 = Date.now();
    for (let i = 0; i < 6; i++)
      await verifyPatientCredentials(t.db, {
        username: "slow.typist",
        password: "almost right",
        now: new Date(t0 + i * 10_000),
      });
    expect(
      await verifyPatientCredentials(t.db, { username: "slow.typist", password, now: new Date(t0 + 60_000) }),
    ).toMatchObject({ ok: true });
  });
});
