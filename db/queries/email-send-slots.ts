// The provider's request rate shared by every outbox worker: one row per request a second, leased and freed by
// the database's clock only, so instances whose clocks differ still agree.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";

/** Makes slots 0 … count-1 for the provider; the ones already there are left as they are. */
export async function createSendSlots(db: Db, opts: { provider: string; count: number }): Promise<void> {
  await db.execute(
    sql`insert into email_send_slots (provider, slot, free_at)
        select ${opts.provider}, n, clock_timestamp() from generate_series(0, ${opts.count - 1}) n
        on conflict do nothing`,
  );
}

/**
 * Leases the slot that frees first, for `leaseMs`; null when every slot is leased. `waitMs` is how long until
 * it frees.
 */
export async function leaseSendSlot(
  db: Db,
  opts: { provider: string; count: number; leaseMs: number },
): Promise<{ slot: number; waitMs: number } | null> {
  const [got] = await queryRows<{ slot: number; wait_ms: number }>(
    db,
    // A scalar subquery runs once; in a join it could run again per row and lease every slot at once.
    sql`update email_send_slots
          set leased_until = greatest(free_at, clock_timestamp()) + ${`${opts.leaseMs} milliseconds`}::interval
        where provider = ${opts.provider}
          and slot = (select slot from email_send_slots
                      where provider = ${opts.provider} and slot < ${opts.count}
                        and (leased_until is null or leased_until < clock_timestamp())
                      order by free_at limit 1 for update skip locked)
        returning slot, greatest(0, extract(epoch from (free_at - clock_timestamp())) * 1000)::float8 as wait_ms`,
  );
  return got ? { slot: got.slot, waitMs: Number(got.wait_ms) } : null;
}

/** No slot of the provider frees before `pauseMs` from now. */
export async function pauseSendSlots(db: Db, opts: { provider: string; pauseMs: number }): Promise<void> {
  await db.execute(sql`update email_send_slots
    set free_at = greatest(free_at, clock_timestamp() + ${`${opts.pauseMs} milliseconds`}::interval)
    where provider = ${opts.provider}`);
}

/** Ends the lease; the slot frees `pauseMs` from now. */
export async function freeSendSlot(db: Db, opts: { provider: string; slot: number; pauseMs: number }): Promise<void> {
  await db.execute(sql`update email_send_slots
    set free_at = greatest(free_at, clock_timestamp() + ${`${opts.pauseMs} milliseconds`}::interval), leased_until = null
    where provider = ${opts.provider} and slot = ${opts.slot}`);
}
