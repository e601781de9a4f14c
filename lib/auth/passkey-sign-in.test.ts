// Passkeys in a sign-in, on a real database, with answers from a software authenticator: a passkey alone signs a
// patient in on the patient page and a staff member in on the staff page (never the other way round), only a
// usable account gets in, refusals count toward the account's lock and the address's budget, ceremonies are
// limited per address before a challenge is stored, and as the second step only the owner's passkey passes
// (docs/security.md M1, M3, M6).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { patients, portalAccounts, staffUsers } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { patientRef, staffRef, type AccountRef } from "@/lib/second-factor/account-ref";
import { passkeyRegistrationOptions, savePasskey } from "@/lib/webauthn/register-passkey";
import { RATE_LIMITS } from "@/lib/rate-limit/hit-rate-limit";
import { insertAccount, insertFrontDesk, insertPatient } from "@/test-kit/factories";
import { createSoftAuthenticator, type SoftAuthenticator } from "@/test-kit/soft-authenticator.mjs";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { completeSignIn } from "./complete-sign-in";
import { passkeySecondStep, passkeySignIn, startPasskeySignIn } from "./passkey-sign-in";
import { findPendingSignIn } from "./pending-sign-in";
import { patientPasswordStep } from "./password-step";

const ORIGIN = "http://portal.test";
const PASSWORD = "an old password nobody guesses";

describe.each(DB_KINDS)("passkey sign-in (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  // Each test signs in from an address of its own, so the per-address budgets decide only where a test says so.
  const address = () => `test-${randomUUID()}`;

  type Holder = { owner: AccountRef; authenticator: SoftAuthenticator; credentialId: string };
  async function addPasskey(owner: AccountRef, authenticator = createSoftAuthenticator({ origin: ORIGIN })) {
    const options = await passkeyRegistrationOptions(t.db, {
      owner,
      userName: "someone",
      userDisplayName: "Someone",
      now: new Date(),
    });
    const answer = authenticator.register(options);
    const saved = await savePasskey(t.db, { owner, response: answer, name: "Passkey", now: new Date() });
    if (!saved.ok) throw new Error(`could not add a passkey: ${saved.reason}`);
    return { owner, authenticator, credentialId: answer.id } satisfies Holder;
  }
  async function patientWithPasskey() {
    const p = await insertPatient(t.db);
    const account = await insertAccount(t.db, p.id, { username: `pk.${randomUUID().slice(0, 8)}`, password: PASSWORD });
    return { ...(await addPasskey(patientRef(p.id))), account };
  }
  async function staffWithPasskey() {
    const id = await insertFrontDesk(t.db, `pk.${randomUUID().slice(0, 8)}@example.com`);
    return addPasskey(staffRef(id));
  }

  /** The whole passwordless sign-in from one address: options, the authenticator's answer, the check. */
  async function signInWith(h: Holder, page: "patient" | "staff", o: { from?: string; userVerified?: boolean } = {}) {
    const from = o.from ?? address();
    const options = await startPasskeySignIn(t.db, { kind: page, address: from, now: new Date() });
    if (!options) return { outcome: "limited" as const };
    const response = h.authenticator.authenticate(options, { userVerified: o.userVerified ?? true });
    return passkeySignIn(t.db, { kind: page, response, address: from, now: new Date() });
  }

  const events = (event: string) =>
    queryRows<{ patient_id: string | null; actor_staff_id: string | null; details: unknown }>(
      t.db,
      sql`select patient_id, actor_staff_id, details from audit_events where event = ${event} order by id`,
    );
  const failuresOfAccount = async (accountId: string) =>
    (await t.db.select().from(portalAccounts).where(eq(portalAccounts.id, accountId)))[0].failedLoginCount;
  const failuresOfStaff = async (id: string) =>
    (await t.db.select().from(staffUsers).where(eq(staffUsers.id, id)))[0].failedLoginCount;

  it("a patient's passkey alone signs them in on the patient page, audited as a passkey sign-in without the credential id", async () => {
    const h = await patientWithPasskey();
    const options = await startPasskeySignIn(t.db, { kind: "patient", address: address(), now: new Date() });
    expect(options?.allowCredentials ?? []).toEqual([]);
    expect(options?.userVerification).toBe("required");
    const step = await passkeySignIn(t.db, {
      kind: "patient",
      response: h.authenticator.authenticate(options!),
      address: address(),
      now: new Date(),
    });
    expect(step.outcome).toBe("done");
    const user = await completeSignIn(t.db, { token: (step as { token: string }).token, now: new Date() });
    expect(user).toMatchObject({ id: h.owner.id, kind: "patient", role: "patient" });
    const signedIn = (await events("patient.signed_in")).filter((e) => e.patient_id === h.owner.id);
    expect(signedIn.map((e) => e.details)).toEqual([{ method: "passkey" }]);
    const used = (await events("second_factor.passkey_used")).filter((e) => e.patient_id === h.owner.id);
    expect(used.map((e) => e.details)).toEqual([{ purpose: "sign_in" }]);
    const [{ n }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_events where details::text like ${`%${h.credentialId}%`}`,
    );
    expect(n).toBe(0);
  });

  it("a staff member's user-verifying passkey alone is a complete staff sign-in (M1)", async () => {
    const h = await staffWithPasskey();
    const step = await signInWith(h, "staff");
    expect(step.outcome).toBe("done");
    const user = await completeSignIn(t.db, { token: (step as { token: string }).token, now: new Date() });
    expect(user).toMatchObject({ id: h.owner.id, kind: "staff", role: "front_desk" });
    const signedIn = (await events("staff.signed_in")).filter((e) => e.actor_staff_id === h.owner.id);
    expect(signedIn.map((e) => e.details)).toEqual([{ method: "passkey" }]);
  });

  it("a patient's passkey on the staff page and a staff passkey on the patient page are refused, not counted; each still works on its own page", async () => {
    const patient = await patientWithPasskey();
    const staff = await staffWithPasskey();
    expect(await signInWith(patient, "staff")).toEqual({ outcome: "refused" });
    expect(await signInWith(staff, "patient")).toEqual({ outcome: "refused" });
    expect(await failuresOfAccount(patient.account.id)).toBe(0);
    expect(await failuresOfStaff(staff.owner.id)).toBe(0);
    const refusals = (await events("second_factor.passkey_sign_in_failed")).filter(
      (e) => (e.details as { reason: string }).reason === "other_sign_in_page",
    );
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    expect((await signInWith(patient, "patient")).outcome).toBe("done");
    expect((await signInWith(staff, "staff")).outcome).toBe("done");
  });

  it("an answer without user verification is refused and counts toward the account's lock; ten lock it, and then even a good answer is refused", async () => {
    const h = await patientWithPasskey();
    expect(await signInWith(h, "patient", { userVerified: false })).toEqual({ outcome: "refused" });
    expect(await failuresOfAccount(h.account.id)).toBe(1);
    const failed = (await events("second_factor.passkey_sign_in_failed")).filter((e) => e.patient_id === h.owner.id);
    expect(failed.map((e) => e.details)).toEqual([{ reason: "not_verified" }]);
    // Nine in a row so far (the waits between them are left out): the tenth locks the account.
    await t.db.update(portalAccounts).set({ failedLoginCount: 9 }).where(eq(portalAccounts.id, h.account.id));
    await signInWith(h, "patient", { userVerified: false });
    const [row] = await t.db.select().from(portalAccounts).where(eq(portalAccounts.id, h.account.id));
    expect(row.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await signInWith(h, "patient")).toEqual({ outcome: "refused" });
    const last = (await events("second_factor.passkey_sign_in_failed")).filter((e) => e.patient_id === h.owner.id);
    expect(last.at(-1)?.details).toEqual({ reason: "locked" });
  });

  it("a deactivated staff member's passkey is refused; a patient whose access is off is told so only after a right passkey", async () => {
    const staff = await staffWithPasskey();
    await t.db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, staff.owner.id));
    expect(await signInWith(staff, "staff")).toEqual({ outcome: "refused" });

    const patient = await patientWithPasskey();
    await t.db.update(patients).set({ portalAccessEnabled: false }).where(eq(patients.id, patient.owner.id));
    expect(await signInWith(patient, "patient", { userVerified: false })).toEqual({ outcome: "refused" });
    expect(await signInWith(patient, "patient")).toEqual({ outcome: "access_off" });
  });

  it("per address: failures spend the sign-in budget (then even a right passkey is refused and no ceremony starts), and ceremonies started are capped", async () => {
    const h = await patientWithPasskey();
    const from = address();
    const budget = RATE_LIMITS.signInPerIp.limit;
    // Answers from a passkey this site never saw: no account to count against, only the address.
    const unknown = await patientWithPasskey();
    for (let i = 0; i < budget; i++) {
      const options = await startPasskeySignIn(t.db, { kind: "patient", address: from, now: new Date() });
      const response = unknown.authenticator.authenticate(options!);
      expect(
        await passkeySignIn(t.db, {
          kind: "patient",
          response: { ...response, id: `x${response.id}`, rawId: `x${response.rawId}` },
          address: from,
          now: new Date(),
        }),
      ).toEqual({ outcome: "refused" });
    }
    expect(await startPasskeySignIn(t.db, { kind: "patient", address: from, now: new Date() })).toBeNull();
    // An answer to a challenge handed out elsewhere is refused here before it is checked: the passkey stays unused.
    const elsewhere = await startPasskeySignIn(t.db, { kind: "patient", address: address(), now: new Date() });
    const response = h.authenticator.authenticate(elsewhere!);
    expect(await passkeySignIn(t.db, { kind: "patient", response, address: from, now: new Date() })).toEqual({
      outcome: "refused",
    });
    expect(await passkeySignIn(t.db, { kind: "patient", response, address: address(), now: new Date() })).toMatchObject(
      { outcome: "done" },
    );
    // The staff budget is another.
    expect(await startPasskeySignIn(t.db, { kind: "staff", address: from, now: new Date() })).not.toBeNull();

    const busy = address();
    const cap = RATE_LIMITS.passkeyCeremoniesPerIp.limit;
    const [{ before }] = await queryRows<{ before: number }>(
      t.db,
      sql`select count(*)::int as before from webauthn_challenges`,
    );
    const started = [];
    for (let i = 0; i <= cap; i++)
      started.push(await startPasskeySignIn(t.db, { kind: "staff", address: busy, now: new Date() }));
    expect(started.filter(Boolean)).toHaveLength(cap);
    expect(started.at(-1)).toBeNull();
    const [{ after }] = await queryRows<{ after: number }>(
      t.db,
      sql`select count(*)::int as after from webauthn_challenges`,
    );
    expect(after - before).toBe(cap);
  });

  it("as the second step: the owner's passkey passes (method password+passkey); another's is refused and counted", async () => {
    const h = await patientWithPasskey();
    const other = await patientWithPasskey();
    const start = async () => {
      const step = await patientPasswordStep(t.db, {
        username: h.account.username,
        password: PASSWORD,
        address: address(),
        now: new Date(),
      });
      expect(step.outcome).toBe("second_step");
      const token = (step as { token: string }).token;
      return { token, pending: (await findPendingSignIn(t.db, { token, now: new Date() }))! };
    };

    const first = await start();
    const options = await startPasskeySignIn(t.db, {
      kind: "patient",
      address: address(),
      now: new Date(),
      pending: first.pending,
    });
    expect(options?.allowCredentials?.map((c) => c.id)).toEqual([h.credentialId]);
    const theirs = other.authenticator.authenticate(options!, { credentialId: other.credentialId });
    expect(
      await passkeySecondStep(t.db, { pending: first.pending, response: theirs, address: address(), now: new Date() }),
    ).toBe(false);
    expect(await failuresOfAccount(h.account.id)).toBe(1);
    expect(await completeSignIn(t.db, { token: first.token, now: new Date() })).toBeNull();

    const second = await start();
    const again = await startPasskeySignIn(t.db, {
      kind: "patient",
      address: address(),
      now: new Date(),
      pending: second.pending,
    });
    const mine = h.authenticator.authenticate(again!);
    expect(
      await passkeySecondStep(t.db, { pending: second.pending, response: mine, address: address(), now: new Date() }),
    ).toBe(true);
    expect(await completeSignIn(t.db, { token: second.token, now: new Date() })).toMatchObject({ id: h.owner.id });
    const signedIn = (await events("patient.signed_in")).filter((e) => e.patient_id === h.owner.id);
    expect(signedIn.at(-1)?.details).toEqual({ method: "password+passkey" });
    // The completion cleared the failures, as any sign-in does.
    expect(await failuresOfAccount(h.account.id)).toBe(0);
  });
});
