// Using a passkey on a real database, with answers from a software authenticator: as the second step (the
// owner's passkeys only) and alone (whoever's passkey answers), each answer once, within 5 minutes, from our
// origin and RP ID, user-verified, with a sign counter that only moves forward; every refusal looks the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { secondFactors } from "@/db/schema";
import { patientRef, staffRef, type AccountRef } from "@/lib/second-factor/account-ref";
import { passkeyAssertionSchema } from "@/lib/validation/passkey";
import { insertFrontDesk, insertPatient } from "@/test-kit/factories";
import { createSoftAuthenticator, type SoftAuthenticator } from "@/test-kit/soft-authenticator.mjs";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { passkeySignInOptions, verifyPasskeyAssertion } from "./passkey-assertion";
import { passkeyRegistrationOptions, savePasskey } from "./register-passkey";

const ORIGIN = "http://portal.test";
const MINUTE = 60_000;

/** What the sign-in form's action receives: the answer as JSON in a hidden field, through its schema. */
const throughForm = (response: AuthenticationResponseJSON) =>
  passkeyAssertionSchema.parse({ response: JSON.stringify(response) }).response;

describe.each(DB_KINDS)("using a passkey (%s)", (kind) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  type Holder = { owner: AccountRef; authenticator: SoftAuthenticator; factorId: string; credentialId: string };
  async function withPasskey(
    owner: AccountRef,
    setup: Partial<Parameters<typeof createSoftAuthenticator>[0]> = {},
  ): Promise<Holder> {
    const authenticator = createSoftAuthenticator({ origin: ORIGIN, ...setup });
    const options = await passkeyRegistrationOptions(t.db, {
      owner,
      userName: "someone",
      userDisplayName: "Someone",
      now: new Date(),
    });
    const answer = authenticator.register(options);
    const saved = await savePasskey(t.db, { owner, response: answer, name: "Passkey", now: new Date() });
    if (!saved.ok) throw new Error(`could not add a passkey: ${saved.reason}`);
    return { owner, authenticator, factorId: saved.factorId, credentialId: answer.id };
  }
  const newPatient = async () => patientRef((await insertPatient(t.db)).id);
  const newStaff = async () => staffRef(await insertFrontDesk(t.db, `desk.${randomUUID().slice(0, 8)}@example.com`));
  const factor = async (id: string) => (await t.db.select().from(secondFactors).where(eq(secondFactors.id, id)))[0];

  it("second step: only the owner's passkeys are offered, user verification is required; the answer signs in that owner and records counter, backup state and use", async () => {
    const p = await withPasskey(await newPatient(), { backupEligible: true, backedUp: true });
    await withPasskey(p.owner); // a second passkey of the same owner, on another authenticator
    const now = new Date();
    const options = await passkeySignInOptions(t.db, { owner: p.owner, now });
    expect(options.rpId).toBe("portal.test");
    expect(options.userVerification).toBe("required");
    expect(options.allowCredentials?.map((c) => c.id)).toContain(p.credentialId);
    expect(options.allowCredentials).toHaveLength(2);

    const answer = throughForm(p.authenticator.authenticate(options));
    expect(await verifyPasskeyAssertion(t.db, { response: answer, expectedOwner: p.owner, now })).toEqual({
      ok: true,
      owner: p.owner,
      factorId: p.factorId,
    });
    expect(await factor(p.factorId)).toMatchObject({ signCount: 1, backedUp: true, lastUsedAt: now });
  });

  it("passkey sign-in (discoverable): nothing offered, and the answer names whose passkey it is, patient or staff", async () => {
    const patient = await withPasskey(await newPatient());
    const staff = await withPasskey(await newStaff());
    for (const holder of [patient, staff]) {
      const options = await passkeySignInOptions(t.db, { now: new Date() });
      expect(options.allowCredentials ?? []).toEqual([]);
      expect(options.userVerification).toBe("required");
      const answer = throughForm(holder.authenticator.authenticate(options));
      expect(await verifyPasskeyAssertion(t.db, { response: answer, now: new Date() })).toEqual({
        ok: true,
        owner: holder.owner,
        factorId: holder.factorId,
      });
    }
  });

  it("an answer works once: sent again it is refused and the counter stays", async () => {
    const p = await withPasskey(await newPatient());
    const answer = p.authenticator.authenticate(await passkeySignInOptions(t.db, { now: new Date() }));
    expect((await verifyPasskeyAssertion(t.db, { response: answer, now: new Date() })).ok).toBe(true);
    expect(await verifyPasskeyAssertion(t.db, { response: answer, now: new Date() })).toEqual({ ok: false });
    expect((await factor(p.factorId)).signCount).toBe(1);
  });

  it("a challenge lasts 5 minutes: answered a second too late the answer is refused, just in time it works", async () => {
    const p = await withPasskey(await newPatient());
    const t0 = new Date("2030-01-01T12:00:00Z");
    const late = p.authenticator.authenticate(await passkeySignInOptions(t.db, { owner: p.owner, now: t0 }));
    const at5 = new Date(t0.getTime() + 5 * MINUTE);
    expect(await verifyPasskeyAssertion(t.db, { response: late, expectedOwner: p.owner, now: at5 })).toEqual({
      ok: false,
    });
    expect((await factor(p.factorId)).lastUsedAt).toBeNull();
    const inTime = p.authenticator.authenticate(await passkeySignInOptions(t.db, { owner: p.owner, now: t0 }));
    const justBefore = new Date(at5.getTime() - 1_000);
    expect((await verifyPasskeyAssertion(t.db, { response: inTime, expectedOwner: p.owner, now: justBefore })).ok).toBe(
      true,
    );
  });

  it.each([
    ["another origin", { origin: "https://portal-test.evil.example" }],
    ["another RP ID", { rpID: "evil.example" }],
    ["no user verification (UV flag off)", { userVerified: false }],
    ["a registration answer type (webauthn.create)", { type: "webauthn.create" }],
  ])("an answer with %s is refused, spends its challenge, and leaves the passkey unused", async (_what, misbehave) => {
    const p = await withPasskey(await newPatient());
    const options = await passkeySignInOptions(t.db, { owner: p.owner, now: new Date() });
    const bad = p.authenticator.authenticate(options, misbehave);
    expect(await verifyPasskeyAssertion(t.db, { response: bad, expectedOwner: p.owner, now: new Date() })).toEqual({
      ok: false,
    });
    const good = p.authenticator.authenticate(options);
    expect(await verifyPasskeyAssertion(t.db, { response: good, expectedOwner: p.owner, now: new Date() })).toEqual({
      ok: false,
    });
    expect(await factor(p.factorId)).toMatchObject({ signCount: 0, lastUsedAt: null });
  });

  it("a sign counter that does not move forward (a cloned authenticator) is refused; the recorded counter stays", async () => {
    const p = await withPasskey(await newPatient());
    const use = (o: { signCount?: number } = {}) =>
      passkeySignInOptions(t.db, { owner: p.owner, now: new Date() }).then((options) =>
        verifyPasskeyAssertion(t.db, {
          response: p.authenticator.authenticate(options, o),
          expectedOwner: p.owner,
          now: new Date(),
        }),
      );
    expect((await use({ signCount: 7 })).ok).toBe(true);
    expect((await factor(p.factorId)).signCount).toBe(7);
    expect(await use({ signCount: 7 })).toEqual({ ok: false });
    expect(await use({ signCount: 3 })).toEqual({ ok: false });
    expect((await factor(p.factorId)).signCount).toBe(7);
    expect((await use({ signCount: 8 })).ok).toBe(true);
    expect((await factor(p.factorId)).signCount).toBe(8);
  });

  it("two answers racing with the same counter value (a cloned authenticator used at once): exactly one signs in", async () => {
    const p = await withPasskey(await newPatient());
    const [a, b] = await Promise.all(
      [1, 2].map(async () =>
        p.authenticator.authenticate(await passkeySignInOptions(t.db, { owner: p.owner, now: new Date() }), {
          signCount: 5,
        }),
      ),
    );
    const results = await Promise.all(
      [a, b].map((response) => verifyPasskeyAssertion(t.db, { response, expectedOwner: p.owner, now: new Date() })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await factor(p.factorId)).signCount).toBe(5);
  });

  it("a synced passkey that always reports 0 keeps working", async () => {
    const p = await withPasskey(await newPatient(), { counter: "zero", backupEligible: true, backedUp: true });
    for (let i = 0; i < 2; i++) {
      const options = await passkeySignInOptions(t.db, { now: new Date() });
      const answer = p.authenticator.authenticate(options);
      expect((await verifyPasskeyAssertion(t.db, { response: answer, now: new Date() })).ok).toBe(true);
    }
    expect((await factor(p.factorId)).signCount).toBe(0);
  });

  it("another account's passkey is refused for the second step, whether the challenge was theirs or open", async () => {
    const mine = await withPasskey(await newPatient());
    const theirs = await withPasskey(await newPatient());
    // The challenge was handed out for my second step; their passkey answers it.
    const forMe = await passkeySignInOptions(t.db, { owner: mine.owner, now: new Date() });
    const answer1 = theirs.authenticator.authenticate(forMe, { credentialId: theirs.credentialId });
    expect(await verifyPasskeyAssertion(t.db, { response: answer1, now: new Date() })).toEqual({ ok: false });
    // An open challenge, but my second step is what is being completed.
    const open = await passkeySignInOptions(t.db, { now: new Date() });
    const answer2 = theirs.authenticator.authenticate(open);
    expect(
      await verifyPasskeyAssertion(t.db, { response: answer2, expectedOwner: mine.owner, now: new Date() }),
    ).toEqual({ ok: false });
    expect((await factor(theirs.factorId)).lastUsedAt).toBeNull();
    // A staff member's passkey does not complete a patient's second step either.
    const staff = await withPasskey(await newStaff());
    const forMeAgain = await passkeySignInOptions(t.db, { owner: mine.owner, now: new Date() });
    const answer3 = staff.authenticator.authenticate(forMeAgain, { credentialId: staff.credentialId });
    expect(
      await verifyPasskeyAssertion(t.db, { response: answer3, expectedOwner: mine.owner, now: new Date() }),
    ).toEqual({ ok: false });
  });

  it("refused too: a user handle of another account, a bad signature, an unknown credential, a challenge for adding a passkey", async () => {
    const p = await withPasskey(await newPatient());
    const other = await newPatient();
    const open = () => passkeySignInOptions(t.db, { now: new Date() });
    const verify = (response: AuthenticationResponseJSON) =>
      verifyPasskeyAssertion(t.db, { response, now: new Date() });

    const otherHandle = (
      await passkeyRegistrationOptions(t.db, { owner: other, userName: "x", userDisplayName: "x", now: new Date() })
    ).user.id;
    expect(await verify(p.authenticator.authenticate(await open(), { userHandle: otherHandle }))).toEqual({
      ok: false,
    });

    const signed = p.authenticator.authenticate(await open());
    const sig = Buffer.from(signed.response.signature, "base64url");
    sig[sig.length - 1] ^= 0x01;
    expect(await verify({ ...signed, response: { ...signed.response, signature: sig.toString("base64url") } })).toEqual(
      {
        ok: false,
      },
    );

    const stranger = createSoftAuthenticator({ origin: ORIGIN });
    stranger.register(
      await passkeyRegistrationOptions(t.db, { owner: other, userName: "x", userDisplayName: "x", now: new Date() }),
    ); // made, never saved
    expect(await verify(stranger.authenticate(await open()))).toEqual({ ok: false });

    const forAdding = await passkeyRegistrationOptions(t.db, {
      owner: p.owner,
      userName: "x",
      userDisplayName: "x",
      now: new Date(),
    });
    expect(await verify(p.authenticator.authenticate({ ...(await open()), challenge: forAdding.challenge }))).toEqual({
      ok: false,
    });

    // Without a user handle (a non-discoverable answer) the same passkey still works.
    expect((await factor(p.factorId)).lastUsedAt).toBeNull();
    expect((await verify(p.authenticator.authenticate(await open(), { userHandle: "" }))).ok).toBe(true);
    expect((await factor(p.factorId)).lastUsedAt).not.toBeNull();
  });
});
