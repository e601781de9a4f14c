// A worker killed after the provider accepted a batch but before it recorded the answer: the restarted worker
// must not deliver anything twice. Its own database and fake, so nothing left by other tests can interfere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { startFakeResend, type FakeResend } from "@/test-kit/fake-resend";
import { deliverOutbox } from "./deliver-outbox";
import { enqueueEmail } from "./enqueue-email";
import { resendTransport } from "./transport";

describe.each(DB_KINDS)("outbox crash recovery (%s)", (kind) => {
  let t: TestDb;
  let fake: FakeResend;
  let clock = Date.now();
  const now = () => new Date(clock);
  beforeAll(async () => {
    t = await openTestDb(kind);
    fake = await startFakeResend();
    process.env.RESEND_BASE_URL = fake.url;
  });
  afterAll(async () => {
    await fake?.close();
    await t?.close();
  });
  const queue = (to: string) =>
    t.db.transaction((tx) => enqueueEmail(tx, { to, message: { template: "access_off" }, now: now() }));

  it("a worker that dies after the provider accepted a batch, before recording it: restarted, each email is delivered once", async () => {
    for (let i = 0; i < 5; i++) await queue(`killed.mid.batch.${i}@example.com`);
    const real = resendTransport("re_test");
    // Sends for real, then "dies" before deliverOutbox can record the answer.
    const dying = {
      ...real,
      sendBatch: async (...args: Parameters<NonNullable<typeof real.sendBatch>>) => {
        await real.sendBatch!(...args);
        throw new Error("worker killed");
      },
    };
    await expect(deliverOutbox(t.db, { transport: dying, now })).rejects.toThrow("worker killed");
    expect(fake.messages().filter((m) => m.to[0].startsWith("killed.mid.batch."))).toHaveLength(5);
    // A new worker finds the rows still "sending"; once the claim runs out it sends the same batch again.
    await deliverOutbox(t.db, { transport: real, now });
    clock += 61_000;
    await deliverOutbox(t.db, { transport: real, now });
    const rows = (await t.db.select().from(emailOutbox)).filter((r) => r.recipient.startsWith("killed.mid.batch."));
    expect(rows.map((r) => [r.status, r.lastError])).toEqual(rows.map(() => ["sent", null]));
    expect(fake.messages().filter((m) => m.to[0].startsWith("killed.mid.batch."))).toHaveLength(5);
  });
});
