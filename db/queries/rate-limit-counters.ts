// Rate-limit counters, one row per key and window, shared by every app instance; the windows and limits are the
// callers' (lib/rate-limit). The sliding-window estimate is written once, here, in SQL, so a statement that
// counts a hit and acts on the decision (db/queries/verification-attempts.ts) needs no second round trip.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { fixedStatement, type Slots } from "../fixed-statement";
import { queryRows } from "../rows";

/** A key's windows: this one and the previous (ISO starts), the previous one's share still inside the sliding window. */
export type RateLimitWindows = { key: string; current: string; previous: string; previousWeight: number };

/** This window's count (an expression) plus the overlapping part of the previous window's, rounded up. */
function slidingEstimate(current: SQL, w: Record<"key" | "previous" | "previousWeight", unknown>): SQL {
  return sql`(${current} + ceil(coalesce((select count from rate_limit_counters
      where key = ${w.key} and window_start = ${w.previous}::timestamptz), 0) * ${w.previousWeight}::float8))`;
}

/** The names of a limiter's values in a fixed statement (db/fixed-statement.ts) that counts a hit. */
export const RATE_LIMIT_SLOTS = ["key", "current", "previous", "previousWeight", "limit"] as const;
export type RateLimitSlot = (typeof RATE_LIMIT_SLOTS)[number];

/**
 * Two common table expressions: `hit` adds one to this window's counter, `limit_hit(count, allowed)` says whether
 * the estimate after it is within `limit`. For fixed statements that count a hit and go on in the same statement.
 */
export function rateLimitHitCte(w: Slots<RateLimitSlot>): SQL {
  return sql`hit as (
      insert into rate_limit_counters (key, window_start, count)
      values (${w.key}, ${w.current}::timestamptz, 1)
      on conflict (key, window_start) do update set count = rate_limit_counters.count + 1
      returning count),
    limit_hit as (
      select hit.count, ${slidingEstimate(sql`hit.count`, w)} <= ${w.limit}::int as allowed from hit)`;
}

const countHit = fixedStatement<{ count: number; allowed: boolean }, RateLimitSlot>(
  RATE_LIMIT_SLOTS,
  (w) => sql`with ${rateLimitHitCte(w)} select count, allowed from limit_hit`,
);

/** Adds one hit to a window's counter in one statement; returns it and whether the estimate is within `limit`. */
export async function countRateLimitHit(
  db: Pick<Db, "_">,
  w: RateLimitWindows & { limit: number },
): Promise<{ count: number; allowed: boolean }> {
  const [row] = await countHit(db, w);
  return row;
}

/** Whether the estimate, without adding a hit, has reached `limit` (the next hit would be over it). */
export async function rateLimitReached(
  db: Pick<Db, "execute">,
  w: RateLimitWindows & { limit: number },
): Promise<boolean> {
  const current = sql`coalesce((select count from rate_limit_counters
      where key = ${w.key} and window_start = ${w.current}::timestamptz), 0)`;
  const [row] = await queryRows<{ reached: boolean }>(
    db,
    sql`select ${slidingEstimate(current, w)} >= ${w.limit}::int as reached`,
  );
  return row.reached;
}

/** Takes one hit back from a window's counter (never below 0): for limits that count only failures. */
export async function uncountRateLimitHit(
  db: Pick<Db, "execute">,
  opts: { key: string; current: string },
): Promise<void> {
  await db.execute(
    sql`update rate_limit_counters set count = greatest(count - 1, 0)
        where key = ${opts.key} and window_start = ${opts.current}::timestamptz`,
  );
}
