// The outbox against the fake Resend server through the real SDK: retries, idempotency, failure, the cap.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { emailOutbox } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { startFakeResend, type FakeResend } from "@/test-kit/fake-resend";
import { deliverOutbox, MAX_ATTEMPTS } from "./deliver-outbox";
import { enqueueEmail, RECIPIENT_CAP } from "./enqueue-email";
import { resendTransport } from "./transport";

describe.each(DB_KINDS)("email outbox (%s)", (kind) => {
  let t: TestDb;
  let fake: FakeResend;
  let clock = Date.now();
  const now = () => new Date(clock);
  beforeAll(async () => {
    t = await openTestDb(kind);
    fake = await startFakeResend();
    process.env.RESEND_BASE_URL = fake.url;
  });
  afterEach(() => fake.clear());
  afterAll(async () => {
    await fake?.close();
    await t?.close();
  });

  const queue = (to: string, opts: { bypassCap?: boolean } = {}) =>
    t.db.transaction((tx) => enqueueEmail(tx, { to, message: { template: "access_off" }, now: now(), ...opts }));
  /** Runs the worker until nothing is due, moving the clock past each backoff. */
  async function drain(transport = resendTransport("re_test")) {
    for (let i = 0; i < 20; i++) {
      await deliverOutbox(t.db, { transport, now });
      clock += 11 * 60_000;
    }
  }

  it("Resend answers 429 twice, then accepts: exactly one delivery, with the row's idempotency key", async () => {
    const q = await queue("retry.me@example.com");
    fake.failNext(2, 429, { retryAfterSeconds: 3 });
    await deliverOutbox(t.db, { transport: resendTransport("re_test"), now });
    const [afterFirst] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, "retry.me@example.com"));
    expect(afterFirst).toMatchObject({ status: "queued", attempts: 1 });
    expect(afterFirst.lastError).toMatch(/^429/);
    // Retry-After (3 s) is honoured over the 2 s backoff.
    expect(afterFirst.nextAttemptAt.getTime() - clock).toBeGreaterThanOrEqual(3000);
    await drain();
    const [row] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, "retry.me@example.com"));
    expect(row).toMatchObject({ status: "sent", attempts: 3, sealedSecret: null });
    expect(fake.messages()).toHaveLength(1);
    expect(fake.messages()[0]).toMatchObject({ to: ["retry.me@example.com"], idempotencyKey: row.idempotencyKey });
    expect(row.providerMessageId).toBe(fake.messages()[0].id);
    expect(q.queued).toBe(true);
  });

  it("a worker that died mid-send: the row is claimed again and sent once (Resend dedupes the key)", async () => {
    await queue("crash.me@example.com");
    // Simulate the crash: claim the row as a worker would, then never record the result.
    const [claimed] = await t.db
      .update(emailOutbox)
      .set({ status: "sending", attempts: 1, claimedUntil: new Date(clock + 60_000) })
      .where(eq(emailOutbox.recipient, "crash.me@example.com"))
      .returning();
    await deliverOutbox(t.db, { transport: resendTransport("re_test"), now });
    expect(fake.messages()).toHaveLength(0);
    clock += 61_000;
    await deliverOutbox(t.db, { transport: resendTransport("re_test"), now });
    await deliverOutbox(t.db, { transport: resendTransport("re_test"), now });
    const [row] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, claimed.id));
    expect(row.status).toBe("sent");
    expect(fake.messages()).toHaveLength(1);
  });

  it(`Resend down for good: marked failed after ${MAX_ATTEMPTS} attempts with the reason`, async () => {
    await queue("never.arrives@example.com");
    fake.failAlways(500);
    await drain();
    const [row] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, "never.arrives@example.com"));
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, sealedSecret: null });
    expect(row.lastError).toMatch(/^500: internal_server_error/);
    fake.failAlways(null);
  });

  it("an answer that will not change on retry (a 4xx) fails at once", async () => {
    await queue("refused.at.once@example.com");
    const refusing = {
      name: "resend" as const,
      send: async () => ({ ok: false as const, retryable: false, error: "422: validation_error: invalid from" }),
    };
    await deliverOutbox(t.db, { transport: refusing, now });
    const [row] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, "refused.at.once@example.com"));
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastError: "422: validation_error: invalid from" });
  });

  it(`no address gets more than ${RECIPIENT_CAP.perHour} emails an hour, whatever the template`, async () => {
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await queue("Flood.Target@example.com"));
    expect(results.filter((r) => r.queued)).toHaveLength(3);
    await drain();
    expect(fake.messages().filter((m) => m.to[0] === "flood.target@example.com")).toHaveLength(3);
    const held = await t.db.select().from(emailOutbox).where(eq(emailOutbox.status, "held"));
    expect(held.filter((h) => h.recipient === "flood.target@example.com")).toHaveLength(7);
    // A security notice is never held back by the cap.
    expect((await queue("flood.target@example.com", { bypassCap: true })).queued).toBe(true);
  });

  it(`plus-addresses share their mailbox's cap: 10 requests to victim+N@example.org → ${RECIPIENT_CAP.perHour} emails, each to the address as written`, async () => {
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await queue(`victim+${i}@example.org`));
    expect(results.filter((r) => r.queued)).toHaveLength(RECIPIENT_CAP.perHour);
    // Gmail ignores dots and the googlemail.com alias: the same inbox, already full.
    expect((await queue("Gmail.Victim+x@googlemail.com")).queued).toBe(true);
    expect((await queue("gmailvictim@gmail.com")).queued).toBe(true);
    expect((await queue("g.mail.victim@gmail.com")).queued).toBe(true);
    expect((await queue("gmail.victim+again@gmail.com")).queued).toBe(false);
    await drain();
    const sent = fake.messages().filter((m) => /victim/.test(m.to[0]));
    expect(sent.map((m) => m.to[0]).sort()).toEqual(
      [
        "victim+0@example.org",
        "victim+1@example.org",
        "victim+2@example.org",
        "gmail.victim+x@googlemail.com",
        "gmailvictim@gmail.com",
        "g.mail.victim@gmail.com",
      ].sort(),
    );
  });

  it(`and no more than ${RECIPIENT_CAP.perDay} a day`, async () => {
    const results = [];
    for (let i = 0; i < 8; i++) {
      results.push(await queue("daily.cap@example.com"));
      clock += 25 * 60_000;
    }
    expect(results.filter((r) => r.queued)).toHaveLength(RECIPIENT_CAP.perDay);
  });
  it("a large run goes out through the batch endpoint, 100 per call, each email exactly once", async () => {
    for (let i = 0; i < 250; i++) await queue(`bulk.${i}@example.com`);
    const requestsBefore = fake.requestCount();
    fake.failNext(1, 503);
    await drain();
    const sent = fake.messages().filter((m) => m.to[0].startsWith("bulk."));
    expect(sent).toHaveLength(250);
    expect(new Set(sent.map((m) => m.to[0])).size).toBe(250);
    // 3 batch calls, plus the one the fake refused and that was tried again.
    expect(fake.requestCount() - requestsBefore).toBe(4);
    const rows = await t.db.select().from(emailOutbox).where(eq(emailOutbox.status, "sent"));
    expect(rows.filter((r) => r.recipient.startsWith("bulk.")).every((r) => r.providerMessageId)).toBe(true);
  }, 120_000);
});
