// The whole sign-in as the actions run it, below the pages: the password step, the second step, and the one
// completion that makes a session (docs/security.md M1, M2, M4, M6, M8; S1, S5).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { patients, portalAccounts, staffUsers } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { findStaffForSession } from "@/db/queries/sessions";
import { insertEmailFactor, insertTotpFactor, listFactors } from "@/db/queries/second-factors";
import type { EmailMessage } from "@/lib/email/render-email";
import { endPatientSessions } from "@/lib/accounts/end-patient-sessions";
import { seal, unseal } from "@/lib/crypto/seal";
import { patientRef, staffRef } from "@/lib/second-factor/account-ref";
import { newTotpSecret, totpCodeAt, totpStepAt } from "@/lib/second-factor/totp";
import { trustDevice } from "@/lib/second-factor/trusted-device";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertFrontDesk, insertPatient } from "@/test-kit/factories";
import { completeSignIn, type PassedSignIn } from "./complete-sign-in";
import { findPendingSignIn, passPendingSignIn } from "./pending-sign-in";
import { patientPasswordStep, staffPasswordStep } from "./password-step";
import { checkSecondStep } from "./second-step";

const PASSWORD = "an old password nobody guesses";
const STAFF_PASSWORD = "a long enough staff password";
const T0 = new Date("2026-12-06T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(DB_KINDS)("two-step sign-in (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  // Each test signs in from an address of its own, so the per-address budget never decides its outcome.
  const address = () => `test-${randomUUID()}`;

  async function patientWithApp() {
    const p = await insertPatient(t.db);
    const account = await insertAccount(t.db, p.id, {
      username: `app.${randomUUID().slice(0, 8)}`,
      password: PASSWORD,
    });
    const secret = newTotpSecret();
    await insertTotpFactor(t.db, {
      owner: patientRef(p.id),
      name: "Phone",
      secretSealed: seal(secret),
      acceptedStep: 0,
      now: T0,
    });
    return { p, account, secret };
  }

  const passwordStep = (username: string, now: Date, extra: { trustedDevice?: string; password?: string } = {}) =>
    patientPasswordStep(t.db, { username, password: extra.password ?? PASSWORD, address: address(), now, ...extra });

  async function pendingFor(token: string, now: Date) {
    const pending = await findPendingSignIn(t.db, { token, now });
    if (!pending) throw new Error("no pending sign-in");
    return pending;
  }

  const failures = async (accountId: string) =>
    (await t.db.select().from(portalAccounts).where(eq(portalAccounts.id, accountId)))[0];

  it("a patient without a second step is signed in by the password; the first completion activates, once", async () => {
    const p = await insertPatient(t.db);
    const account = await insertAccount(t.db, p.id, {
      username: `plain.${randomUUID().slice(0, 8)}`,
      password: PASSWORD,
    });
    const steps = await Promise.all(Array.from({ length: 5 }, () => passwordStep(account.username, T0)));
    expect(steps.map((s) => s.outcome)).toEqual(["done", "done", "done", "done", "done"]);
    const users = await Promise.all(
      steps.map((s) => completeSignIn(t.db, { passed: (s as { passed: PassedSignIn }).passed, now: T0 })),
    );
    expect(users.every((u) => u?.id === p.id && u.kind === "patient")).toBe(true);
    const row = await failures(account.id);
    expect(row.activatedAt).not.toBeNull();
    const [{ n }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_events where event = 'patient.activated' and patient_id = ${p.id}`,
    );
    expect(n).toBe(1);
    const events = await queryRows<{ event: string; details: unknown }>(
      t.db,
      sql`select event, details from audit_events where patient_id = ${p.id} order by id`,
    );
    expect(events.slice(0, 2)).toEqual([
      { event: "patient.activated", details: {} },
      { event: "patient.signed_in", details: { method: "password" } },
    ]);
    expect(events.filter((e) => e.event === "patient.signed_in")).toHaveLength(5);
  });

  it("signed out everywhere, access switched off, email removed or account locked meanwhile: no session", async () => {
    // Each happens between the password step and the completion; none may end in a session or a record of one.
    const changes = [
      (_p: unknown, accountId: string) =>
        t.db
          .update(portalAccounts)
          .set({ sessionVersion: sql`${portalAccounts.sessionVersion} + 1` })
          .where(eq(portalAccounts.id, accountId)),
      (p: { id: string }) => t.db.update(patients).set({ portalAccessEnabled: false }).where(eq(patients.id, p.id)),
      (p: { id: string }) => t.db.update(patients).set({ email: "  " }).where(eq(patients.id, p.id)),
      (_p: unknown, accountId: string) =>
        t.db
          .update(portalAccounts)
          .set({ lockedUntil: at(60) })
          .where(eq(portalAccounts.id, accountId)),
    ];
    for (const change of changes) {
      const p = await insertPatient(t.db);
      const account = await insertAccount(t.db, p.id, {
        username: `changed.${randomUUID().slice(0, 8)}`,
        password: PASSWORD,
      });
      const step = await passwordStep(account.username, T0);
      expect(step.outcome).toBe("done");
      await change(p, account.id);
      expect(await completeSignIn(t.db, { passed: (step as { passed: PassedSignIn }).passed, now: T0 })).toBeNull();
      expect((await failures(account.id)).lastLoginAt).toBeNull();
      const [{ n }] = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from audit_events where patient_id = ${p.id} and event like 'patient.%'`,
      );
      expect(n).toBe(0);
    }
  });

  it("a lock that has run out does not keep the patient out; their sign-in clears it", async () => {
    const p = await insertPatient(t.db);
    const account = await insertAccount(t.db, p.id, {
      username: `unlocked.${randomUUID().slice(0, 8)}`,
      password: PASSWORD,
    });
    const step = await passwordStep(account.username, T0);
    await t.db.update(portalAccounts).set({ lockedUntil: T0 }).where(eq(portalAccounts.id, account.id));
    expect(await completeSignIn(t.db, { passed: (step as { passed: PassedSignIn }).passed, now: T0 })).not.toBeNull();
    expect((await failures(account.id)).lockedUntil).toBeNull();
  });

  it("a completion token works once, and a pending sign-in that was not passed is never a session (M4)", async () => {
    const { account } = await patientWithApp();
    const step = await passwordStep(account.username, T0);
    expect(step.outcome).toBe("second_step");
    const token = (step as { token: string }).token;
    expect(await completeSignIn(t.db, { token, now: T0 })).toBeNull();
    const pending = await pendingFor(token, T0);
    await passPendingSignIn(t.db, { id: pending.id, method: "totp", now: T0 });
    expect(await completeSignIn(t.db, { token, now: T0 })).not.toBeNull();
    expect(await completeSignIn(t.db, { token, now: T0 })).toBeNull();
    expect(await completeSignIn(t.db, { token: "not a token", now: T0 })).toBeNull();
  });

  it("an authenticator code passes the second step once; replayed, too old or too new it is refused (M2)", async () => {
    const { p, account, secret } = await patientWithApp();
    const now = at(600);
    const step = totpStepAt(now);
    const start = async () => (await passwordStep(account.username, now)) as { token: string };
    const tryCode = async (code: string, when = now) => {
      const { token } = await start();
      const passed = await checkSecondStep(t.db, {
        pending: await pendingFor(token, when),
        method: "totp",
        code,
        address: address(),
        now: when,
      });
      return { passed, user: passed ? await completeSignIn(t.db, { token, now: when }) : null };
    };
    expect(await tryCode(totpCodeAt(secret, step - 2))).toEqual({ passed: false, user: null });
    expect(await tryCode(totpCodeAt(secret, step + 2))).toEqual({ passed: false, user: null });
    const first = await tryCode(totpCodeAt(secret, step));
    expect(first.passed).toBe(true);
    expect(first.user?.id).toBe(p.id);
    // The same code a second later: already used.
    expect((await tryCode(totpCodeAt(secret, step), at(601))).passed).toBe(false);
    // An older step than the one used: refused too, though inside the drift window.
    expect((await tryCode(totpCodeAt(secret, step - 1))).passed).toBe(false);
    // The next step (the app's clock a little ahead) still works.
    expect((await tryCode(totpCodeAt(secret, step + 1))).passed).toBe(true);
    const [signedIn] = await queryRows<{ details: { method: string } }>(
      t.db,
      sql`select details from audit_events where event = 'patient.signed_in' and patient_id = ${p.id} order by id limit 1`,
    );
    expect(signedIn.details.method).toBe("password+totp");
    expect((await failures(account.id)).failedLoginCount).toBe(0);
  });

  it("wrong codes count toward the same lock as wrong passwords; a locked account's right code is refused (M6)", async () => {
    const { account, secret } = await patientWithApp();
    let clock = 3600;
    for (let i = 0; i < 10; i++) {
      clock += 40; // past every wait the earlier failures set
      const { token } = (await passwordStep(account.username, at(clock))) as { token: string };
      const passed = await checkSecondStep(t.db, {
        pending: await pendingFor(token, at(clock)),
        method: "totp",
        code: "000000",
        address: address(),
        now: at(clock),
      });
      expect(passed).toBe(false);
    }
    const row = await failures(account.id);
    expect(row.failedLoginCount).toBe(10);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(at(clock).getTime());
    // Locked: the right password is refused at the first step, like any wrong one.
    expect(await passwordStep(account.username, at(clock + 60))).toEqual({ outcome: "refused" });
    const failed = await queryRows<{ details: { method: string; reason: string } }>(
      t.db,
      sql`select details from audit_events where event = 'second_factor.failed' and patient_id = ${account.patientId}`,
    );
    expect(failed).toHaveLength(10);
    expect(JSON.stringify(failed)).not.toContain(secret);
  });

  it("the pending sign-in lasts 5 minutes; a password change meanwhile voids the completion (M4)", async () => {
    const { p, account, secret } = await patientWithApp();
    const now = at(9000);
    const { token } = (await passwordStep(account.username, now)) as { token: string };
    expect(await findPendingSignIn(t.db, { token, now: at(9000 + 299) })).not.toBeNull();
    expect(await findPendingSignIn(t.db, { token, now: at(9000 + 300) })).toBeNull();
    const passed = await checkSecondStep(t.db, {
      pending: await pendingFor(token, now),
      method: "totp",
      code: totpCodeAt(secret, totpStepAt(now)),
      address: address(),
      now,
    });
    expect(passed).toBe(true);
    await t.db.transaction((tx) => endPatientSessions(tx, { patientId: p.id }));
    expect(await completeSignIn(t.db, { token, now })).toBeNull();
  });

  it("a trusted device skips the second step for its patient only, until their sessions are ended (M8)", async () => {
    const { p, account } = await patientWithApp();
    const other = await patientWithApp();
    const device = await t.db.transaction((tx) => trustDevice(tx, { patientId: p.id, now: T0 }));
    const now = at(120);
    const trusted = await passwordStep(account.username, now, { trustedDevice: device });
    expect(trusted.outcome).toBe("done");
    const user = await completeSignIn(t.db, { passed: (trusted as { passed: PassedSignIn }).passed, now });
    expect(user?.id).toBe(p.id);
    expect((await passwordStep(other.account.username, now, { trustedDevice: device })).outcome).toBe("second_step");
    await t.db.transaction((tx) => endPatientSessions(tx, { patientId: p.id }));
    expect((await passwordStep(account.username, now, { trustedDevice: device })).outcome).toBe("second_step");
  });

  it("a patient whose only second step is email gets the code with the password step, and it signs them in", async () => {
    const p = await insertPatient(t.db);
    const account = await insertAccount(t.db, p.id, {
      username: `mail.${randomUUID().slice(0, 8)}`,
      password: PASSWORD,
    });
    await insertEmailFactor(t.db, { patientId: p.id, name: "Email", now: T0 });
    const now = at(30);
    const step = (await passwordStep(account.username, now)) as { outcome: string; token: string };
    expect(step.outcome).toBe("second_step");
    const [email] = await queryRows<{ sealed_secret: string; recipient: string }>(
      t.db,
      sql`select sealed_secret, recipient from email_outbox where patient_id = ${p.id} and template = 'sign_in_code'`,
    );
    expect(email.recipient).toBe(p.email);
    const { code } = unseal<Extract<EmailMessage, { template: "sign_in_code" }>>(email.sealed_secret);
    const pending = await pendingFor(step.token, now);
    expect(
      await checkSecondStep(t.db, { pending, method: "email_code", code: "111111", address: address(), now }),
    ).toBe(code === "111111");
    expect((await listFactors(t.db, patientRef(p.id)))[0].lastUsedAt).toBeNull();
    expect(await checkSecondStep(t.db, { pending, method: "email_code", code, address: address(), now })).toBe(true);
    // The patient's list says when emailed codes were last used.
    expect((await listFactors(t.db, patientRef(p.id)))[0].lastUsedAt).toEqual(now);
    expect((await completeSignIn(t.db, { token: step.token, now }))?.id).toBe(p.id);
  });

  it("staff always take a second step, or set one up first; a staff session needs a factor (M1)", async () => {
    const email = `desk.${randomUUID().slice(0, 8)}@clinic.test`;
    const staffId = await insertFrontDesk(t.db, email);
    const step = (e: string, password = STAFF_PASSWORD) =>
      staffPasswordStep(t.db, { email: e, password, address: address(), now: T0 });
    expect(await step(email, "not the password at all")).toEqual({ outcome: "refused" });
    expect(await step(`nobody.${email}`)).toEqual({ outcome: "refused" });
    const setUp = await step(email);
    expect(setUp.outcome).toBe("set_up");
    expect(await completeSignIn(t.db, { token: (setUp as { token: string }).token, now: T0 })).toBeNull();
    expect((await findStaffForSession(t.db, { staffId, sessionId: "s" }))?.hasSecondFactor).toBe(false);

    const secret = newTotpSecret();
    await insertTotpFactor(t.db, {
      owner: staffRef(staffId),
      name: "App",
      secretSealed: seal(secret),
      acceptedStep: 0,
      now: T0,
    });
    expect((await findStaffForSession(t.db, { staffId, sessionId: "s" }))?.hasSecondFactor).toBe(true);
    const second = (await step(email)) as { outcome: string; token: string };
    expect(second.outcome).toBe("second_step");
    const pending = await pendingFor(second.token, T0);
    expect(
      await checkSecondStep(t.db, {
        pending,
        method: "totp",
        code: totpCodeAt(secret, totpStepAt(T0)),
        address: address(),
        now: T0,
      }),
    ).toBe(true);
    const user = await completeSignIn(t.db, { token: second.token, now: T0 });
    expect(user).toMatchObject({ id: staffId, kind: "staff", role: "front_desk" });
    const [row] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    expect(row.lastLoginAt).not.toBeNull();
  });
});
