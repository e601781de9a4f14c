// The shared provider pacer against the fake Resend with its 2-requests-a-second limit: two "instances" (two
// pacers on one database) sending as fast as they can are never turned away, and a 429's Retry-After holds
// every slot back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNotNull } from "drizzle-orm";
import { emailSendSlots } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { startFakeResend, type FakeResend } from "@/test-kit/fake-resend";
import { databasePacer } from "./send-pacer";
import { resendTransport, RESEND_REQUESTS_PER_SECOND, type OutgoingEmail } from "./transport";

describe.each(DB_KINDS)("send pacer (%s)", (kind) => {
  let t: TestDb;
  let fake: FakeResend;
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

  const email = (i: number): OutgoingEmail => ({
    to: `paced.${i}@example.com`,
    from: "Clinic <portal@clinic.test>",
    subject: "Hello",
    html: "<p>Hi</p>",
    text: "Hi",
    idempotencyKey: `k-${kind}-${i}-${Date.now()}`,
  });

  it("two instances sending flat out stay within 2 requests a second: no 429", async () => {
    fake.rateLimit(RESEND_REQUESTS_PER_SECOND);
    const transport = resendTransport("re_test");
    const results: boolean[] = [];
    const instance = async (n: number) => {
      const pacer = databasePacer(t.db, { provider: `test-${kind}`, requestsPerSecond: RESEND_REQUESTS_PER_SECOND });
      for (let i = 0; i < 4; i++) {
        const slot = await pacer.acquire();
        const r = await transport.sendBatch!([email(n * 10 + i)], `batch-${kind}-${n}-${i}-${Date.now()}`);
        await slot.release({ retryAfterMs: !r.ok && r.rateLimited ? r.retryAfterMs : undefined });
        results.push(r.ok);
      }
    };
    const started = Date.now();
    await Promise.all([instance(1), instance(2)]);
    expect(results).toEqual(Array(8).fill(true));
    expect(fake.messages()).toHaveLength(8);
    // Every slot taken was given back.
    const leased = await t.db
      .select()
      .from(emailSendSlots)
      .where(and(eq(emailSendSlots.provider, `test-${kind}`), isNotNull(emailSendSlots.leasedUntil)));
    expect(leased).toEqual([]);
    // 8 requests, 2 a second: the last pair cannot start before 3 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  });

  it("one worker alone uses both slots: two requests at once, the third a second after the first answer", async () => {
    const pacer = databasePacer(t.db, { provider: `alone-${kind}`, requestsPerSecond: 2 });
    const started = Date.now();
    const first = await pacer.acquire();
    const second = await pacer.acquire();
    expect(Date.now() - started).toBeLessThan(900);
    // Timed from before the first release: that slot frees a second after its release runs, so time spent in
    // the releases must not eat into the margin.
    const released = Date.now();
    await first.release({});
    await second.release({});
    await pacer.acquire();
    expect(Date.now() - released).toBeGreaterThanOrEqual(900);
  });

  it("a 429 with Retry-After holds every slot back that long", async () => {
    const pacer = databasePacer(t.db, { provider: `retry-${kind}`, requestsPerSecond: 2 });
    const slot = await pacer.acquire();
    const retryAt = Date.now();
    await slot.release({ retryAfterMs: 2000 });
    await pacer.acquire();
    expect(Date.now() - retryAt).toBeGreaterThanOrEqual(1900);
  });
});
