// Second-step recovery (issue 12, M9) on real databases: the four-detail form earns a recovery link only for a
// matched patient with an app or passkey, to the address on file, and held after an email change; the link
// removes the app and passkeys only with the account's password, once, and a wrong password counts toward the lock.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { accountTokens, auditEvents, emailOutbox, type patients, portalAccounts } from "@/db/schema";
import { listOpenHeldLinkRequests } from "@/db/queries/held-link-requests";
import { insertEmailFactor, insertPasskeyFactor, insertTotpFactor, listFactors } from "@/db/queries/second-factors";
import { seal, unseal } from "@/lib/crypto/seal";
import type { EmailMessage } from "@/lib/email/render-email";
import { updateBasicData } from "@/lib/patients/update-basic-data";
import { basicDataSchema } from "@/lib/validation/patient-record";
import { processVerifications } from "@/lib/verification/process-verifications";
import { requestVerification } from "@/lib/verification/request-verification";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertFrontDesk, insertPatient } from "@/test-kit/factories";
import { patientRef } from "./account-ref";
import { recoverSecondStep } from "./recover-second-step";

const PASSWORD = "correct horse battery staple 42";

describe.each(DB_KINDS)("second-step recovery (%s)", (kind) => {
  let t: TestDb;
  let n = 0;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  type Patient = typeof patients.$inferSelect;
  async function patientWith(o: { account?: boolean; app?: boolean; passkey?: boolean; email?: boolean } = {}) {
    const p = await insertPatient(t.db, { email: `recover.${++n}.${kind}@example.com` });
    if (o.account ?? true) await insertAccount(t.db, p.id, { password: PASSWORD, activated: true });
    const owner = patientRef(p.id);
    if (o.app)
      await insertTotpFactor(t.db, {
        owner,
        name: "Phone",
        secretSealed: seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
        acceptedStep: 0,
        now: new Date(),
      });
    if (o.passkey)
      await insertPasskeyFactor(t.db, {
        owner,
        name: "Laptop",
        credentialId: randomUUID(),
        publicKey: "pk",
        signCount: 0,
        transports: ["internal"],
        deviceType: "multiDevice",
        backedUp: true,
        now: new Date(),
      });
    if (o.email) await insertEmailFactor(t.db, { patientId: p.id, name: "Email", now: new Date() });
    return p;
  }

  /** "Cannot get your sign-in code?" as a patient fills it in, then the worker. */
  async function ask(p: Patient, o: { email?: string; lastName?: string; at?: Date } = {}) {
    const at = o.at ?? new Date();
    await requestVerification(t.db, {
      flow: "second_step_recovery",
      details: {
        email: o.email ?? p.email!,
        lastName: o.lastName ?? p.lastName,
        dateOfBirth: p.dateOfBirth,
        zip: p.zip!,
      },
      ipHash: `recover-ip-${++n}`,
      now: at,
    });
    while ((await processVerifications(t.db, { now: () => at })) > 0);
  }
  const mailsTo = async (to: string) =>
    (await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, to)))
      .sort((a, b) => +a.createdAt - +b.createdAt)
      .map((m) => ({ template: m.template, message: m.sealedSecret ? unseal<EmailMessage>(m.sealedSecret) : null }));
  const recoveryTokens = (patientId: string) =>
    t.db
      .select()
      .from(accountTokens)
      .where(and(eq(accountTokens.patientId, patientId), eq(accountTokens.purpose, "second_step_recovery")));
  const kinds = async (patientId: string) => (await listFactors(t.db, patientRef(patientId))).map((f) => f.kind).sort();
  const account = async (patientId: string) =>
    (await t.db.select().from(portalAccounts).where(eq(portalAccounts.patientId, patientId)))[0];
  const events = async (patientId: string) =>
    (await t.db.select().from(auditEvents).where(eq(auditEvents.patientId, patientId))).map((e) => e.event);

  /** The token in the recovery link emailed to the patient's address on file. */
  async function emailedToken(p: Patient): Promise<string> {
    const mail = (await mailsTo(p.email!)).find((m) => m.template === "second_step_recovery_link");
    expect(mail).toBeDefined();
    const link = (mail!.message as { link: string }).link;
    expect(link).toMatch(/^http:\/\/portal\.test\/second-step-recovery\?token=[A-Za-z0-9_-]{43}$/);
    return new URL(link).searchParams.get("token")!;
  }

  it("four matching details and an app: a recovery link to the address on file, as short-lived as a reset link", async () => {
    const p = await patientWith({ app: true });
    await ask(p, { email: `  ${p.email!.toUpperCase()} ` });
    const [mail] = await mailsTo(p.email!);
    expect(mail.template).toBe("second_step_recovery_link");
    expect(mail.message).toMatchObject({ validFor: "1 hour" });
    const tokens = await recoveryTokens(p.id);
    expect(tokens).toHaveLength(1);
    expect(tokens[0].expiresAt.getTime() - tokens[0].createdAt.getTime()).toBe(3_600_000);
    // Asking again replaces the first link: only the newest email works.
    await ask(p);
    const again = await recoveryTokens(p.id);
    expect(again.filter((r) => !r.revokedAt)).toHaveLength(1);
  });

  it("details that do not match: the could-not-verify email to the address typed, and no link", async () => {
    const p = await patientWith({ app: true });
    await ask(p, { lastName: "Somebody-Else" });
    expect((await mailsTo(p.email!)).map((m) => m.template)).toEqual(["could_not_verify"]);
    expect(await recoveryTokens(p.id)).toEqual([]);
  });

  it("only the emailed code: no link (it could remove nothing), an email saying where codes go", async () => {
    const p = await patientWith({ email: true });
    await ask(p);
    expect((await mailsTo(p.email!)).map((m) => m.template)).toEqual(["no_second_step_to_remove"]);
    expect(await recoveryTokens(p.id)).toEqual([]);
  });

  it("no account yet: the no-account email with a setup link, as forgot-username sends", async () => {
    const p = await patientWith({ account: false });
    await ask(p);
    const [mail] = await mailsTo(p.email!);
    expect(mail.template).toBe("no_account_yet");
    expect((mail.message as { setupLink: string }).setupLink).toMatch(/\/setup-account\?token=/);
    expect(await recoveryTokens(p.id)).toEqual([]);
  });

  it("asked for just after staff changed the email: held for staff, no link, the previous address told", async () => {
    const staffId = await insertFrontDesk(t.db, `recover.desk.${kind}@clinic.test`);
    const p = await patientWith({ app: true });
    const old = p.email!;
    const fresh = `recover.fresh.${kind}@example.com`;
    const changed = await updateBasicData(t.db, {
      patientId: p.id,
      expectedVersion: p.version,
      data: basicDataSchema.parse({
        firstName: p.firstName,
        lastName: p.lastName,
        dateOfBirth: p.dateOfBirth,
        email: fresh,
        zip: p.zip,
        phone: "",
        addressLine1: "",
        addressLine2: "",
        city: "",
        state: "",
      }),
      staffId,
      now: new Date(),
    });
    expect(changed).toMatchObject({ ok: true, emailChanged: true });
    await ask({ ...p, email: fresh });
    expect(await recoveryTokens(p.id)).toEqual([]);
    expect(await mailsTo(fresh)).toEqual([]);
    expect((await mailsTo(old)).map((m) => m.template)).toContain("link_held_notice");
    expect(await listOpenHeldLinkRequests(t.db, p.id)).toMatchObject([{ flow: "second_step_recovery" }]);
  });

  it("a wrong password counts toward the lock and keeps every factor and the link", async () => {
    const p = await patientWith({ app: true, passkey: true, email: true });
    await ask(p);
    const token = await emailedToken(p);
    const before = (await account(p.id)).failedLoginCount;
    const r = await recoverSecondStep(t.db, { token, password: "not the password", now: new Date() });
    expect(r).toEqual({ ok: false, reason: "password" });
    expect((await account(p.id)).failedLoginCount).toBe(before + 1);
    expect(await kinds(p.id)).toEqual(["email", "passkey", "totp"]);
    expect((await recoveryTokens(p.id))[0].usedAt).toBeNull();
    expect(await events(p.id)).toContain("second_factor.recovery_refused");
  });

  it("while the account is locked even the right password is refused, and nothing is removed", async () => {
    const p = await patientWith({ app: true });
    await ask(p);
    const token = await emailedToken(p);
    await t.db
      .update(portalAccounts)
      .set({ lockedUntil: new Date(Date.now() + 15 * 60_000) })
      .where(eq(portalAccounts.patientId, p.id));
    expect(await recoverSecondStep(t.db, { token, password: PASSWORD, now: new Date() })).toEqual({
      ok: false,
      reason: "password",
    });
    expect(await kinds(p.id)).toEqual(["totp"]);
  });

  it("the right password removes the app and passkeys, keeps the emailed code, ends sessions, and works once", async () => {
    const p = await patientWith({ app: true, passkey: true, email: true });
    await ask(p);
    const token = await emailedToken(p);
    const version = (await account(p.id)).sessionVersion;
    const r = await recoverSecondStep(t.db, { token, password: PASSWORD, now: new Date() });
    expect(r).toMatchObject({ ok: true });
    expect(await kinds(p.id)).toEqual(["email"]);
    expect((await recoveryTokens(p.id))[0].usedAt).not.toBeNull();
    expect((await account(p.id)).sessionVersion).toBe(version + 1);
    expect((await mailsTo(p.email!)).map((m) => m.template)).toContain("second_step_removed");
    const [removed] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, p.id), eq(auditEvents.event, "second_factor.removed")));
    expect(removed.details).toMatchObject({ by: "recovery" });
    expect((removed.details as { kinds: string[] }).kinds.sort()).toEqual(["passkey", "totp"]);
    // The same link again, even with the right password: used.
    expect(await recoverSecondStep(t.db, { token, password: PASSWORD, now: new Date() })).toEqual({
      ok: false,
      reason: "link",
      state: "used",
    });
  });

  it("simultaneous submissions of one link: exactly one removes the factors", async () => {
    const p = await patientWith({ app: true });
    await ask(p);
    const token = await emailedToken(p);
    const results = await Promise.all(
      [1, 2, 3].map(() => recoverSecondStep(t.db, { token, password: PASSWORD, now: new Date() })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const removals = (await events(p.id)).filter((e) => e === "second_factor.removed");
    expect(removals).toHaveLength(1);
  });

  it("a reset link is not a recovery link, and a made-up token is refused", async () => {
    const p = await patientWith({ app: true });
    await requestVerification(t.db, {
      flow: "forgot_password",
      details: { email: p.email!, lastName: p.lastName, dateOfBirth: p.dateOfBirth, zip: p.zip! },
      ipHash: `recover-ip-${++n}`,
      now: new Date(),
    });
    while ((await processVerifications(t.db)) > 0);
    const reset = (await mailsTo(p.email!)).find((m) => m.template === "reset_link")!;
    const resetToken = new URL((reset.message as { link: string }).link).searchParams.get("token")!;
    expect(await recoverSecondStep(t.db, { token: resetToken, password: PASSWORD, now: new Date() })).toMatchObject({
      ok: false,
      reason: "link",
    });
    expect(await recoverSecondStep(t.db, { token: "x".repeat(43), password: PASSWORD, now: new Date() })).toMatchObject(
      { ok: false, reason: "link" },
    );
    expect(await kinds(p.id)).toEqual(["totp"]);
  });
});
