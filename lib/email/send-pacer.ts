// Keeps every outbox worker, in every app instance, within the provider's request rate (Resend: 2 requests a
// second per team), so batches are not turned away with 429s and retried later. N slot rows in the database
// stand for N requests a second: a worker leases the slot that frees first, waits until it frees, sends, and
// frees it again one second after the provider answered. A request is counted by the provider when it arrives,
// which is before we hear back, so counting from the answer keeps any one second to N requests. A 429 with
// Retry-After pushes every slot back by that long.
import type { Db } from "@/db/client";
import { createSendSlots, freeSendSlot, leaseSendSlot, pauseSendSlots } from "@/db/queries/email-send-slots";

export type SendSlot = {
  /** Frees the slot once the provider answered; `retryAfterMs` when it said "too many requests". */
  release(answer: { retryAfterMs?: number }): Promise<void>;
};

export type SendPacer = { acquire(): Promise<SendSlot> };

const WINDOW_MS = 1000;
// Longer than any wait plus a provider call: a worker that died holding a slot loses it after this.
const LEASE_MS = 60_000;
const POLL_MS = 20;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function databasePacer(db: Db, opts: { provider: string; requestsPerSecond: number }): SendPacer {
  const { provider } = opts;
  const slots = Math.max(1, Math.floor(opts.requestsPerSecond));
  let created: Promise<void> | undefined;
  const ensureSlots = () =>
    (created ??= createSendSlots(db, { provider, count: slots }).catch((e) => {
      created = undefined;
      throw e;
    }));

  return {
    async acquire() {
      await ensureSlots();
      for (;;) {
        // Times come from the database's clock only, so instances whose clocks differ still agree.
        const got = await leaseSendSlot(db, { provider, count: slots, leaseMs: LEASE_MS });
        if (!got) {
          // Every slot is leased (other workers are sending): look again shortly.
          await sleep(POLL_MS);
          continue;
        }
        if (got.waitMs > 0) await sleep(got.waitMs);
        return {
          async release(answer) {
            const pause = Math.max(WINDOW_MS, answer.retryAfterMs ?? 0);
            if (answer.retryAfterMs) {
              // The provider asked everyone to wait: no slot is used again before then.
              await pauseSendSlots(db, { provider, pauseMs: pause });
            }
            await freeSendSlot(db, { provider, slot: got.slot, pauseMs: pause });
          },
        };
      }
    },
  };
}
