// Each row of the verification outcome table, against a real database: what gets recorded and which email
// is written to whom. The page answer is the same for all of them (requestVerification returns nothing).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { accountTokens, emailOutbox, verificationAttempts } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { unseal } from "@/lib/crypto/seal";
import type { EmailMessage } from "@/lib/email/render-email";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { requestVerification, type VerificationFlow } from "./request-verification";
import { processVerifications } from "./process-verifications";

describe.each(DB_KINDS)("verification outcomes (%s)", (kind) => {
  let t: TestDb;
  let n = 0;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  /** Submits the form as a patient would, lets the worker run, and returns what it wrote. */
  async function submit(
    flow: VerificationFlow,
    details: { email: string; lastName: string; dateOfBirth: string; zip: string },
  ) {
    const ipHash = `ip-${++n}`;
    const result = await requestVerification(t.db, { flow, details, ipHash, now: new Date() });
    expect(result).toBeUndefined();
    while ((await processVerifications(t.db)) > 0);
    const [attempt] = await t.db.select().from(verificationAttempts).where(eq(verificationAttempts.ipHash, ipHash));
    const mails = await t.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.recipient, details.email.toLowerCase().trim()));
    const last = mails.sort((a, b) => +a.createdAt - +b.createdAt).at(-1);
    return { attempt, mail: last, message: last?.sealedSecret ? unseal<EmailMessage>(last.sealedSecret) : null };
  }

  it("create account, eligible and no account yet: a setup link to the address on file", async () => {
    const p = await insertPatient(t.db, { email: "Eligible.One@Example.com", lastName: "O’Brien", zip: "62704-1234" });
    const r = await submit("register", {
      email: "eligible.one@example.com",
      lastName: "obrien",
      dateOfBirth: "1980-02-29",
      zip: "62704",
    });
    expect(r.attempt).toMatchObject({ outcome: "matched", matchedPatientId: p.id, sealedInput: null });
    expect(r.message).toMatchObject({ template: "setup_link", via: "self_service", validFor: "24 hours" });
    expect((r.message as { link: string }).link).toMatch(
      /^http:\/\/portal\.test\/setup-account\?token=[A-Za-z0-9_-]{43}$/,
    );
    const tokens = await t.db.select().from(accountTokens).where(eq(accountTokens.patientId, p.id));
    expect(tokens).toHaveLength(1);
    expect(tokens[0].purpose).toBe("setup");
    expect(tokens[0].expiresAt.getTime() - tokens[0].createdAt.getTime()).toBe(24 * 3_600_000);
  });

  it("create account, already has an account: 'you already have one' with the username and a reset link", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: "existing.user" });
    const r = await submit("register", {
      email: p.email!,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      zip: p.zip!,
    });
    expect(r.message).toMatchObject({ template: "already_registered", username: "existing.user", validFor: "1 hour" });
    expect((r.message as { resetLink: string }).resetLink).toMatch(/\/reset-password\?token=/);
  });

  it("forgot password, has an account: a reset link valid for one hour", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id);
    const r = await submit("forgot_password", {
      email: p.email!,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      zip: p.zip!,
    });
    expect(r.message).toMatchObject({ template: "reset_link", validFor: "1 hour" });
  });

  it("forgot password, eligible without an account: a setup link", async () => {
    const p = await insertPatient(t.db);
    const r = await submit("forgot_password", {
      email: p.email!,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      zip: p.zip!,
    });
    expect(r.message).toMatchObject({ template: "setup_link" });
  });

  it("forgot username: the username, or a setup link when there is no account", async () => {
    const withAccount = await insertPatient(t.db);
    await insertAccount(t.db, withAccount.id, { username: "remember.me" });
    const a = await submit("forgot_username", {
      email: withAccount.email!,
      lastName: withAccount.lastName,
      dateOfBirth: withAccount.dateOfBirth,
      zip: withAccount.zip!,
    });
    expect(a.message).toEqual({ template: "username_reminder", username: "remember.me", locale: "en" });
    const without = await insertPatient(t.db);
    const b = await submit("forgot_username", {
      email: without.email!,
      lastName: without.lastName,
      dateOfBirth: without.dateOfBirth,
      zip: without.zip!,
    });
    expect(b.message).toMatchObject({ template: "no_account_yet" });
  });

  it.each(["register", "forgot_password"] as const)(
    "%s, portal access not enabled (or chart inactive): 'call the practice', no link",
    async (flow) => {
      for (const o of [{ portalAccessEnabled: false }, { chartStatus: "deceased" as const }]) {
        const p = await insertPatient(t.db, o);
        const r = await submit(flow, {
          email: p.email!,
          lastName: p.lastName,
          dateOfBirth: p.dateOfBirth,
          zip: p.zip!,
        });
        expect(r.attempt.outcome).toBe("access_off");
        expect(r.message).toEqual({ template: "access_off", locale: "en" });
        expect(await t.db.select().from(accountTokens).where(eq(accountTokens.patientId, p.id))).toHaveLength(0);
      }
    },
  );

  it.each([
    ["last name", { lastName: "Garcia-Lopes" }, ["last_name"]],
    ["date of birth", { dateOfBirth: "1980-02-28" }, ["date_of_birth"]],
    ["ZIP code", { zip: "62702" }, ["zip"]],
    ["two fields", { zip: "62702", dateOfBirth: "1981-02-28" }, ["date_of_birth", "zip"]],
  ])("wrong %s: 'could not verify' to the address typed, and staff can see which field", async (_n, change, fields) => {
    const p = await insertPatient(t.db);
    const r = await submit("register", {
      email: p.email!,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      zip: p.zip!,
      ...change,
    });
    expect(r.attempt).toMatchObject({
      outcome: "no_match",
      emailPatientId: p.id,
      matchedPatientId: null,
      mismatchedFields: fields,
      sealedInput: null,
    });
    expect(r.message).toEqual({ template: "could_not_verify", locale: "en" });
    expect(await t.db.select().from(accountTokens).where(eq(accountTokens.patientId, p.id))).toHaveLength(0);
  });

  it("an email nobody has: 'could not verify' to that address, no patient named", async () => {
    const r = await submit("forgot_password", {
      email: "stranger@example.com",
      lastName: "Nobody",
      dateOfBirth: "1970-01-01",
      zip: "10001",
    });
    expect(r.attempt).toMatchObject({ outcome: "no_match", emailPatientId: null, mismatchedFields: null });
    expect(r.message).toEqual({ template: "could_not_verify", locale: "en" });
  });

  it("duplicate charts that both match: ambiguous, not verified", async () => {
    const email = "twins.chart@example.com";
    await insertPatient(t.db, { email, lastName: "Dup" });
    await insertPatient(t.db, { email, lastName: "Dup" });
    const r = await submit("register", { email, lastName: "Dup", dateOfBirth: "1980-02-29", zip: "62701" });
    expect(r.attempt.outcome).toBe("ambiguous");
    expect(r.message).toEqual({ template: "could_not_verify", locale: "en" });
  });

  it("family members sharing one email are told apart by name and date of birth", async () => {
    const email = "family.shared@example.com";
    const parent = await insertPatient(t.db, {
      email,
      firstName: "Parent",
      lastName: "Nguyen",
      dateOfBirth: "1975-03-03",
    });
    await insertPatient(t.db, { email, firstName: "Child", lastName: "Nguyen", dateOfBirth: "2010-12-24" });
    const r = await submit("register", { email, lastName: "nguyen", dateOfBirth: "1975-03-03", zip: "62701" });
    expect(r.attempt).toMatchObject({ outcome: "matched", matchedPatientId: parent.id });
  });

  it("a newer link voids the older unused one of the same purpose", async () => {
    const p = await insertPatient(t.db);
    const d = { email: p.email!, lastName: p.lastName, dateOfBirth: p.dateOfBirth, zip: p.zip! };
    await submit("register", d);
    await submit("register", d);
    const tokens = await t.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.patientId, p.id))
      .orderBy(accountTokens.createdAt);
    expect(tokens.map((x) => x.revokedReason)).toEqual(["replaced", null]);
  });

  it("over the per-address limit: recorded, never matched, no email, same answer", async () => {
    const p = await insertPatient(t.db);
    const d = { email: p.email!, lastName: p.lastName, dateOfBirth: p.dateOfBirth, zip: p.zip! };
    for (let i = 0; i < 21; i++)
      await requestVerification(t.db, { flow: "register", details: d, ipHash: "one-busy-address", now: new Date() });
    const rows = await t.db
      .select()
      .from(verificationAttempts)
      .where(eq(verificationAttempts.ipHash, "one-busy-address"));
    expect(rows.filter((r) => r.outcome === "rate_limited")).toHaveLength(1);
    expect(rows.find((r) => r.outcome === "rate_limited")?.sealedInput).toBeNull();
  });

  it("nothing typed survives processing, and no raw token is stored anywhere", async () => {
    const p = await insertPatient(t.db, { lastName: "Zyxwvutsky" });
    const r = await submit("register", {
      email: p.email!,
      lastName: "Zyxwvutsky",
      dateOfBirth: p.dateOfBirth,
      zip: p.zip!,
    });
    const token = /token=([A-Za-z0-9_-]{43})/.exec((r.message as { link: string }).link)![1];
    const dump = JSON.stringify(
      await Promise.all(
        ["verification_attempts", "account_tokens", "email_outbox", "audit_events"].map((tbl) =>
          queryRows(t.db, sql.raw(`select * from ${tbl}`)),
        ),
      ),
    );
    expect(dump).not.toContain(token);
    expect(dump).not.toContain("Zyxwvutsky".toLowerCase());
  });
});
