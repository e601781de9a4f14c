// Keeps every outbox worker, in every app instance, within the provider's request rate (Resend: 2 requests a
// second per team), so batches are not turned away with 429s and retried later. N slot rows in the database
// stand for N requests a second: a worker leases the slot that frees first, waits until it frees, sends, and
// frees it again one second after the provider answered. A request is counted by the provider when it arrives,
// which is before we hear back, so counting from the answer keeps any one second to N requests. A 429 with
// Retry-After pushes every slot back by that long.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";

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
    (created ??= db
      .execute(
        sql`insert into email_send_slots (provider, slot, free_at)
            select ${provider}, n, clock_timestamp() from generate_series(0, ${slots - 1}) n
            on conflict do nothing`,
      )
      .then(() => undefined)
      .catch((e) => {
        created = undefined;
        throw e;
      }));

  return {
    async acquire() {
      await ensureSlots();
      for (;;) {
        // Times come from the database's clock only, so instances whose clocks differ still agree.
        const [got] = await queryRows<{ slot: number; wait_ms: number }>(
          db,
          // A scalar subquery runs once; in a join it could run again per row and lease every slot at once.
          sql`update email_send_slots
                set leased_until = greatest(free_at, clock_timestamp()) + ${`${LEASE_MS} milliseconds`}::interval
              where provider = ${provider}
                and slot = (select slot from email_send_slots
                            where provider = ${provider} and slot < ${slots}
                              and (leased_until is null or leased_until < clock_timestamp())
                            order by free_at limit 1 for update skip locked)
              returning slot, greatest(0, extract(epoch from (free_at - clock_timestamp())) * 1000)::float8 as wait_ms`,
        );
        if (!got) {
          // Every slot is leased (other workers are sending): look again shortly.
          await sleep(POLL_MS);
          continue;
        }
        const wait = Number(got.wait_ms);
        if (wait > 0) await sleep(wait);
        return {
          async release(answer) {
            const pause = Math.max(WINDOW_MS, answer.retryAfterMs ?? 0);
            if (answer.retryAfterMs) {
              // The provider asked everyone to wait: no slot is used again before then.
              await db.execute(sql`update email_send_slots
                set free_at = greatest(free_at, clock_timestamp() + ${`${pause} milliseconds`}::interval)
                where provider = ${provider}`);
            }
            await db.execute(sql`update email_send_slots
              set free_at = greatest(free_at, clock_timestamp() + ${`${pause} milliseconds`}::interval), leased_until = null
              where provider = ${provider} and slot = ${got.slot}`);
          },
        };
      }
    },
  };
}
