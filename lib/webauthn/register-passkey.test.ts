// Adding a passkey on a real database, with answers from a software authenticator: the options say who we are
// and what we require, the saved factor holds what later checks need, and a challenge that is used, expired,
// someone else's or for signing in, or an answer from another site or without user verification, adds nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { auditEvents, secondFactors, webauthnChallenges } from "@/db/schema";
import { insertPasskeyFactor } from "@/db/queries/second-factors";
import { patientRef, staffRef, type AccountRef } from "@/lib/second-factor/account-ref";
import { addPasskeySchema } from "@/lib/validation/passkey";
import { insertFrontDesk, insertPatient } from "@/test-kit/factories";
import { createSoftAuthenticator } from "@/test-kit/soft-authenticator.mjs";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { passkeySignInOptions } from "./passkey-assertion";
import { passkeyRegistrationOptions, savePasskey } from "./register-passkey";

// vitest.config.mts sets APP_URL=http://portal.test; PRACTICE_NAME is the default.
const ORIGIN = "http://portal.test";
const MINUTE = 60_000;

/** What the add-passkey form's action receives: the answer as JSON in a hidden field, through its schema. */
function throughForm(response: RegistrationResponseJSON, name = "") {
  return addPasskeySchema.parse({ response: JSON.stringify(response), name });
}

describe.each(DB_KINDS)("adding a passkey (%s)", (kind) => {
  let t: TestDb;
  let patient: AccountRef;
  let otherPatient: AccountRef;
  let staff: AccountRef;

  beforeAll(async () => {
    t = await openTestDb(kind);
    patient = patientRef((await insertPatient(t.db)).id);
    otherPatient = patientRef((await insertPatient(t.db)).id);
    staff = staffRef(await insertFrontDesk(t.db, `desk.${randomUUID().slice(0, 8)}@example.com`));
  });
  afterAll(() => t?.close());

  const options = (owner: AccountRef, now = new Date()) =>
    passkeyRegistrationOptions(t.db, { owner, userName: "pat.garcia", userDisplayName: "Pat García-López", now });

  it("options: our RP ID and origin from APP_URL, the practice's name, a discoverable credential with user verification, no attestation, and the challenge kept only as its hash", async () => {
    const now = new Date();
    const o = await options(patient, now);
    expect(o.rp).toEqual({ id: "portal.test", name: "Riverside Family Medicine" });
    expect(o.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(o.attestation).toBe("none");
    expect(o.user.name).toBe("pat.garcia");
    expect(o.user.displayName).toBe("Pat García-López");

    const [row] = await t.db
      .select()
      .from(webauthnChallenges)
      .where(eq(webauthnChallenges.challengeHash, createHash("sha256").update(o.challenge).digest("hex")));
    expect(row).toMatchObject({ purpose: "register", patientId: patient.id, staffUserId: null, usedAt: null });
    expect(row.expiresAt.getTime() - now.getTime()).toBe(5 * MINUTE);
    expect(JSON.stringify(await t.db.select().from(webauthnChallenges))).not.toContain(o.challenge);
  });

  it("the user id the authenticator keeps is the same each time for one account, differs between accounts, and holds no name, email or row id", async () => {
    const a = (await options(patient)).user.id;
    expect((await options(patient)).user.id).toBe(a);
    expect((await options(otherPatient)).user.id).not.toBe(a);
    expect((await options(staff)).user.id).not.toBe(a);
    const bytes = Buffer.from(a, "base64url");
    expect(bytes.length).toBe(32);
    for (const s of ["pat", "garcia", "García", patient.id, patient.id.replaceAll("-", "")]) {
      expect(bytes.toString("latin1").toLowerCase()).not.toContain(s.toLowerCase());
      expect(bytes.toString("hex")).not.toContain(s.replaceAll("-", "").toLowerCase());
    }
  });

  it("a passkey made from the options is saved with its credential id, public key, counter and backup state; the audit says a passkey was added, without its id", async () => {
    const owner = patientRef((await insertPatient(t.db)).id);
    const authenticator = createSoftAuthenticator({ origin: ORIGIN, backupEligible: true, backedUp: true });
    const answer = authenticator.register(await options(owner));
    const form = throughForm(answer, "  My phone ");
    const now = new Date();
    const saved = await savePasskey(t.db, { owner, response: form.response, name: form.name, now });
    expect(saved).toEqual({ ok: true, factorId: expect.any(String) });
    if (!saved.ok) return;

    const [factor] = await t.db.select().from(secondFactors).where(eq(secondFactors.id, saved.factorId));
    expect(factor).toMatchObject({
      patientId: owner.id,
      staffUserId: null,
      kind: "passkey",
      name: "My phone",
      credentialId: answer.id,
      signCount: 0,
      deviceType: "multiDevice",
      backedUp: true,
      transports: ["internal", "hybrid"],
    });
    expect(factor.publicKey).toMatch(/^[A-Za-z0-9_-]+$/);

    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.patientId, owner.id));
    expect(events.map((e) => [e.event, e.actorType, e.details])).toEqual([
      ["second_factor.added", "patient", { kind: "passkey" }],
    ]);
    expect(JSON.stringify(events)).not.toContain(answer.id);

    // Next time, the browser is told not to make a second passkey on this authenticator; it refuses to.
    const again = await options(owner);
    expect(again.excludeCredentials?.map((c) => c.id)).toEqual([answer.id]);
    expect(() => authenticator.register(again)).toThrow(expect.objectContaining({ name: "InvalidStateError" }));
  });

  it("a staff member's passkey is theirs, and the audit names them as the actor", async () => {
    const owner = staffRef(await insertFrontDesk(t.db, `desk.${randomUUID().slice(0, 8)}@example.com`));
    const answer = createSoftAuthenticator({ origin: ORIGIN }).register(await options(owner));
    const saved = await savePasskey(t.db, { owner, response: answer, name: "YubiKey", now: new Date() });
    expect(saved.ok).toBe(true);
    const [factor] = await t.db.select().from(secondFactors).where(eq(secondFactors.credentialId, answer.id));
    expect(factor).toMatchObject({
      staffUserId: owner.id,
      patientId: null,
      deviceType: "singleDevice",
      backedUp: false,
    });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.actorStaffId, owner.id));
    expect(events.filter((e) => e.event === "second_factor.added").map((e) => [e.actorType, e.details])).toEqual([
      ["staff", { kind: "passkey" }],
    ]);
  });

  it("an answer works once: sent again, it adds nothing", async () => {
    const owner = patientRef((await insertPatient(t.db)).id);
    const answer = createSoftAuthenticator({ origin: ORIGIN }).register(await options(owner));
    expect((await savePasskey(t.db, { owner, response: answer, name: "Phone", now: new Date() })).ok).toBe(true);
    expect(await savePasskey(t.db, { owner, response: answer, name: "Phone", now: new Date() })).toEqual({
      ok: false,
      reason: "challenge",
    });
    expect(await t.db.select().from(secondFactors).where(eq(secondFactors.patientId, owner.id))).toHaveLength(1);
  });

  it("a challenge lasts 5 minutes: answered just in time it works, a second later it does not", async () => {
    const owner = patientRef((await insertPatient(t.db)).id);
    const t0 = new Date("2030-01-01T12:00:00Z");
    const late = createSoftAuthenticator({ origin: ORIGIN }).register(await options(owner, t0));
    expect(
      await savePasskey(t.db, { owner, response: late, name: "Phone", now: new Date(t0.getTime() + 5 * MINUTE) }),
    ).toEqual({
      ok: false,
      reason: "challenge",
    });
    const inTime = createSoftAuthenticator({ origin: ORIGIN }).register(await options(owner, t0));
    const saved = await savePasskey(t.db, {
      owner,
      response: inTime,
      name: "Phone",
      now: new Date(t0.getTime() + 5 * MINUTE - 1_000),
    });
    expect(saved.ok).toBe(true);
  });

  it.each([
    ["another origin", { origin: "https://portal.test.evil.example" }],
    ["another RP ID", { rpID: "evil.example" }],
    ["no user verification (UV flag off)", { userVerified: false }],
    ["no user presence (UP flag off)", { userPresent: false }],
    ["a sign-in answer type (webauthn.get)", { type: "webauthn.get" }],
  ])("an answer with %s is refused, and its challenge is spent all the same", async (_what, misbehave) => {
    const owner = patientRef((await insertPatient(t.db)).id);
    const o = await options(owner);
    const bad = createSoftAuthenticator({ origin: ORIGIN }).register(o, misbehave);
    expect(await savePasskey(t.db, { owner, response: bad, name: "Phone", now: new Date() })).toEqual({
      ok: false,
      reason: "not_verified",
    });
    const good = createSoftAuthenticator({ origin: ORIGIN }).register(o);
    expect(await savePasskey(t.db, { owner, response: good, name: "Phone", now: new Date() })).toEqual({
      ok: false,
      reason: "challenge",
    });
    expect(await t.db.select().from(secondFactors).where(eq(secondFactors.patientId, owner.id))).toEqual([]);
  });

  it("a challenge handed to another account, or one for signing in, cannot add a passkey", async () => {
    const owner = patientRef((await insertPatient(t.db)).id);
    const authenticator = createSoftAuthenticator({ origin: ORIGIN });
    const theirs = authenticator.register(await options(otherPatient));
    expect(await savePasskey(t.db, { owner, response: theirs, name: "Phone", now: new Date() })).toEqual({
      ok: false,
      reason: "challenge",
    });
    const signIn = await passkeySignInOptions(t.db, { owner, now: new Date() });
    const fromSignIn = authenticator.register({ ...(await options(owner)), challenge: signIn.challenge });
    expect(await savePasskey(t.db, { owner, response: fromSignIn, name: "Phone", now: new Date() })).toEqual({
      ok: false,
      reason: "challenge",
    });
    expect(await t.db.select().from(secondFactors).where(eq(secondFactors.patientId, owner.id))).toEqual([]);
  });

  it("a credential id registered already (to anyone) is refused, and nothing is audited", async () => {
    const owner = patientRef((await insertPatient(t.db)).id);
    const answer = createSoftAuthenticator({ origin: ORIGIN }).register(await options(owner));
    await insertPasskeyFactor(t.db, {
      owner: otherPatient,
      name: "Theirs",
      credentialId: answer.id,
      publicKey: "AAAA",
      signCount: 0,
      transports: [],
      deviceType: "singleDevice",
      backedUp: false,
      now: new Date(),
    });
    expect(await savePasskey(t.db, { owner, response: answer, name: "Phone", now: new Date() })).toEqual({
      ok: false,
      reason: "already_added",
    });
    expect(await t.db.select().from(secondFactors).where(eq(secondFactors.patientId, owner.id))).toEqual([]);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.patientId, owner.id))).toEqual([]);
  });
});
