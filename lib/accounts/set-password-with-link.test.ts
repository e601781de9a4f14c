// Setup and reset links on a real database: single use under concurrency, lifetimes, voiding, lockout lifted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { accountTokens, emailOutbox, patients, portalAccounts } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { issueAccountLink, revokeAccountLinks } from "@/lib/tokens/issue-account-link";
import { inspectAccountLink } from "@/lib/tokens/inspect-account-link";
import { verifyPatientCredentials } from "@/lib/auth/verify-patient-credentials";
import { setPasswordWithLink } from "./set-password-with-link";

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
const good = "a long walk by the harbour";

describe.each(DB_KINDS)("setup and reset links (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  const issue = (
    patientId: string,
    purpose: "setup" | "reset",
    now = new Date(),
    via: "self_service" | "staff" = "self_service",
  ) => t.db.transaction((tx) => issueAccountLink(tx, { patientId, purpose, via, now }));

  it("20 simultaneous submissions of one setup link: exactly one account is created", async () => {
    const p = await insertPatient(t.db);
    const token = tokenOf((await issue(p.id, "setup")).url);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        setPasswordWithLink(t.db, { token, purpose: "setup", username: `racer${i}`, password: good, now: new Date() }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(
      results.filter((r) => !r.ok).every((r) => !r.ok && (r.reason === "link" || r.reason === "username_taken")),
    ).toBe(true);
    expect(await t.db.select().from(portalAccounts).where(eq(portalAccounts.patientId, p.id))).toHaveLength(1);
  });

  it("opening a link reads only; using it works once, then it is 'used'", async () => {
    const p = await insertPatient(t.db);
    const token = tokenOf((await issue(p.id, "setup")).url);
    for (let i = 0; i < 3; i++) expect((await inspectAccountLink(t.db, token, new Date())).state).toBe("valid");
    const [row] = await t.db.select().from(accountTokens).where(eq(accountTokens.patientId, p.id));
    expect(row.usedAt).toBeNull();
    expect(
      await setPasswordWithLink(t.db, {
        token,
        purpose: "setup",
        username: "once.only",
        password: good,
        now: new Date(),
      }),
    ).toEqual({ ok: true, username: "once.only" });
    expect((await inspectAccountLink(t.db, token, new Date())).state).toBe("used");
    expect(
      await setPasswordWithLink(t.db, { token, purpose: "setup", username: "twice", password: good, now: new Date() }),
    ).toEqual({ ok: false, reason: "link", state: "used" });
    // A new account is told it is ready, not that a password was "changed".
    const notices = await t.db
      .select({ template: emailOutbox.template })
      .from(emailOutbox)
      .where(eq(emailOutbox.patientId, p.id));
    expect(notices.map((n) => n.template)).toEqual(["account_created"]);
  });

  it("lifetimes: self-service setup 24 h, staff invitation 7 days, reset 1 h (with an injected clock)", async () => {
    const p = await insertPatient(t.db);
    const t0 = new Date("2026-11-01T10:00:00Z");
    const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);
    const self = tokenOf((await issue(p.id, "setup", t0)).url);
    expect((await inspectAccountLink(t.db, self, hours(23.9))).state).toBe("valid");
    expect((await inspectAccountLink(t.db, self, hours(24))).state).toBe("expired");
    const staff = tokenOf((await issue(p.id, "setup", t0, "staff")).url);
    expect((await inspectAccountLink(t.db, staff, hours(7 * 24 - 0.1))).state).toBe("valid");
    expect((await inspectAccountLink(t.db, staff, hours(7 * 24))).state).toBe("expired");
    await insertAccount(t.db, p.id);
    const reset = tokenOf((await issue(p.id, "reset", t0)).url);
    expect((await inspectAccountLink(t.db, reset, hours(0.99))).state).toBe("valid");
    expect((await inspectAccountLink(t.db, reset, hours(1))).state).toBe("expired");
    expect(await setPasswordWithLink(t.db, { token: reset, purpose: "reset", password: good, now: hours(2) })).toEqual({
      ok: false,
      reason: "link",
      state: "expired",
    });
  });

  it("a link of the other purpose, a malformed token or an unknown one is refused", async () => {
    const p = await insertPatient(t.db);
    const token = tokenOf((await issue(p.id, "setup")).url);
    expect(await setPasswordWithLink(t.db, { token, purpose: "reset", password: good, now: new Date() })).toEqual({
      ok: false,
      reason: "link",
      state: "unknown",
    });
    expect((await inspectAccountLink(t.db, "abc", new Date())).state).toBe("unknown");
    expect((await inspectAccountLink(t.db, "A".repeat(43), new Date())).state).toBe("unknown");
  });

  it("access switched off voids links; a password change makes a reset link stale", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id);
    const first = tokenOf((await issue(p.id, "reset")).url);
    await t.db.transaction((tx) => revokeAccountLinks(tx, { patientId: p.id, reason: "access_off", now: new Date() }));
    expect((await inspectAccountLink(t.db, first, new Date())).state).toBe("replaced");
    const second = tokenOf((await issue(p.id, "reset")).url);
    const third = tokenOf((await issue(p.id, "reset")).url);
    expect((await inspectAccountLink(t.db, second, new Date())).state).toBe("replaced");
    expect(
      await setPasswordWithLink(t.db, { token: third, purpose: "reset", password: good, now: new Date() }),
    ).toMatchObject({ ok: true });
    // A link sent before that change (issued and left alone) would be stale too:
    const fourth = tokenOf((await issue(p.id, "reset")).url);
    await t.db.update(portalAccounts).set({ sessionVersion: 99 }).where(eq(portalAccounts.patientId, p.id));
    expect((await inspectAccountLink(t.db, fourth, new Date())).state).toBe("replaced");
  });

  it("a link cannot be used once the patient's access is off, and nothing changes", async () => {
    const p = await insertPatient(t.db);
    const token = tokenOf((await issue(p.id, "setup")).url);
    await t.db.update(patients).set({ portalAccessEnabled: false }).where(eq(patients.id, p.id));
    expect(
      await setPasswordWithLink(t.db, {
        token,
        purpose: "setup",
        username: "should.fail",
        password: good,
        now: new Date(),
      }),
    ).toEqual({ ok: false, reason: "access_off" });
    expect((await inspectAccountLink(t.db, token, new Date())).state).toBe("valid");
    expect(await t.db.select().from(portalAccounts).where(eq(portalAccounts.patientId, p.id))).toHaveLength(0);
  });

  it("a weak password is refused with the reason, and the link stays usable", async () => {
    const p = await insertPatient(t.db, { lastName: "Hernández" });
    const token = tokenOf((await issue(p.id, "setup")).url);
    const r = await setPasswordWithLink(t.db, {
      token,
      purpose: "setup",
      username: "diego.h",
      password: "hernandez family 2024",
      now: new Date(),
    });
    expect(r).toMatchObject({ ok: false, reason: "password" });
    expect((await inspectAccountLink(t.db, token, new Date())).state).toBe("valid");
  });

  it("a completed reset lifts a lock, ends other sessions and tells the address on file", async () => {
    const p = await insertPatient(t.db);
    const acct = await insertAccount(t.db, p.id, { username: "locked.out", activated: true });
    // An injected clock, failures a minute apart: with the wall clock, failures that came faster than the 1-16 s
    // waits were not counted, and a slow machine could reach the end of the wait before the check below.
    const t0 = Date.now();
    for (let i = 0; i < 10; i++)
      await verifyPatientCredentials(t.db, {
        username: "locked.out",
        password: "wrong wrong wrong",
        now: new Date(t0 + i * 60_000),
      });
    const at = new Date(t0 + 10 * 60_000);
    expect(
      await verifyPatientCredentials(t.db, {
        username: "locked.out",
        password: "an old password nobody guesses",
        now: at,
      }),
    ).toEqual({ ok: false, reason: "invalid" });
    const token = tokenOf((await issue(p.id, "reset", at)).url);
    expect(await setPasswordWithLink(t.db, { token, purpose: "reset", password: good, now: at })).toEqual({
      ok: true,
      username: "locked.out",
    });
    const [after] = await t.db.select().from(portalAccounts).where(eq(portalAccounts.id, acct.id));
    expect(after.lockedUntil).toBeNull();
    expect(after.sessionVersion).toBe(acct.sessionVersion + 1);
    // Still inside the 15-minute lock the 10th failure set: only the reset can have lifted it.
    expect(await verifyPatientCredentials(t.db, { username: "locked.out", password: good, now: at })).toMatchObject({
      ok: true,
    });
    const notices = await t.db.select().from(emailOutbox).where(eq(emailOutbox.patientId, p.id));
    expect(notices.map((n) => n.template)).toContain("password_changed");
  });
});
