// The bench's own connection to the scratch database: setting up states no request can reach quickly and
// reading what the app wrote. Never used while a timed request is in flight.
import postgres from "postgres";
import { assertLocalDatabase } from "../../test-kit/scratch-database.mjs";

export function connect(url) {
  assertLocalDatabase(url);
  return postgres(url, { max: 2, onnotice: () => {} });
}

/** Waits (at most `timeoutMs`) until the app's worker has nothing to match or send. Returns true when idle. */
export async function waitForIdleWorker(sql, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [{ n }] = await sql`select
      (select count(*) from verification_attempts where processed_at is null)
      + (select count(*) from email_outbox where status in ('queued', 'sending'))::int as n`;
    if (Number(n) === 0) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

/**
 * Deletes the verification requests nobody has handled yet: those of warm-ups and of the other subjects, which are
 * no work of our worker's to be measured. Returns how many.
 */
export async function discardPendingVerifications(sql) {
  const gone = await sql`delete from verification_attempts where processed_at is null`;
  return gone.count;
}

/** Empties the per-address counters so a phase starts with a fresh window (between phases only). */
export async function resetRateLimits(sql) {
  await sql`delete from rate_limit_counters`;
}

/**
 * How many verification requests the per-address limit has turned away so far. Over the limit, an address's
 * requests add to one row per limiter window (`repeats`), which an earlier phase in the same window may have made:
 * callers take the difference of two readings.
 */
export async function rateLimitedVerifications(sql) {
  const [{ n }] = await sql`select coalesce(sum(repeats), 0)::int as n from verification_attempts
    where outcome = 'rate_limited'`;
  return Number(n);
}
