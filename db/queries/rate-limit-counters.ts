// Rate-limit counters, one row per key and window, shared by every app instance; the windows and limits are the
// callers' (lib/rate-limit).
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";

/** Adds one hit to a window's counter in one statement; returns it and the previous window's count. */
export async function countRateLimitHit(
  db: Pick<Db, "execute">,
  opts: { key: string; current: string; previous: string },
): Promise<{ count: number; previous: number }> {
  const [row] = await queryRows<{ count: number; previous: number }>(
    db,
    sql`with hit as (
          insert into rate_limit_counters (key, window_start, count)
          values (${opts.key}, ${opts.current}::timestamptz, 1)
          on conflict (key, window_start) do update set count = rate_limit_counters.count + 1
          returning count)
        select hit.count, coalesce((select count from rate_limit_counters
          where key = ${opts.key} and window_start = ${opts.previous}::timestamptz), 0) as previous
        from hit`,
  );
  return row;
}

/** The counters of these windows (ISO starts) of one key, without adding to them. */
export async function readRateLimitWindows(
  db: Pick<Db, "execute">,
  opts: { key: string; current: string; previous: string },
): Promise<{ window_start: string | Date; count: number }[]> {
  return queryRows<{ window_start: string | Date; count: number }>(
    db,
    sql`select window_start, count from rate_limit_counters
        where key = ${opts.key} and window_start in (${opts.current}::timestamptz, ${opts.previous}::timestamptz)`,
  );
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
