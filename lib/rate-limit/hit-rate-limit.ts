// Fixed-window counters in PostgreSQL, shared by every app instance: one upsert per hit.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { getConfig } from "@/lib/config";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };

export const RATE_LIMITS = {
  get verificationPerIp(): RateLimitRule {
    return { name: "verify-ip", limit: getConfig().RATE_LIMIT_VERIFY_PER_IP, windowSeconds: 15 * 60 };
  },
  tokenSubmitPerIp: { name: "token-ip", limit: 10, windowSeconds: 10 * 60 },
  get signInPerIp(): RateLimitRule {
    return { name: "signin-ip", limit: getConfig().RATE_LIMIT_SIGNIN_PER_IP, windowSeconds: 5 * 60 };
  },
};

export async function hitRateLimit(
  db: Pick<Db, "execute">,
  opts: { rule: RateLimitRule; subject: string; now: Date },
): Promise<{ allowed: boolean; count: number }> {
  const windowMs = opts.rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(opts.now.getTime() / windowMs) * windowMs);
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`insert into rate_limit_counters (key, window_start, count)
        values (${`${opts.rule.name}:${opts.subject}`}, ${windowStart.toISOString()}::timestamptz, 1)
        on conflict (key, window_start) do update set count = rate_limit_counters.count + 1
        returning count`,
  );
  return { allowed: row.count <= opts.rule.limit, count: row.count };
}

/** Old windows are worthless; the worker clears them now and then. */
export async function pruneRateLimits(db: Pick<Db, "execute">, now: Date) {
  await db.execute(sql`delete from rate_limit_counters where window_start < ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`);
}

/** Reads a counter without adding to it: for limits that only count failures. */
export async function overRateLimit(
  db: Pick<Db, "execute">,
  opts: { rule: RateLimitRule; subject: string; now: Date },
): Promise<boolean> {
  const windowMs = opts.rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(opts.now.getTime() / windowMs) * windowMs);
  const rows = await queryRows<{ count: number }>(
    db,
    sql`select count from rate_limit_counters where key = ${`${opts.rule.name}:${opts.subject}`}
        and window_start = ${windowStart.toISOString()}::timestamptz`,
  );
  return (rows[0]?.count ?? 0) >= opts.rule.limit;
}
