// Counters in PostgreSQL, shared by every app instance: one statement per hit. A window's counter alone would let
// a caller send `limit` requests at the end of one window and `limit` more at the start of the next; so the
// previous window's count is weighed in by how much of it still overlaps the sliding window ending now.
import type { Db } from "@/db/client";
import { countRateLimitHit, readRateLimitWindows, uncountRateLimitHit } from "@/db/queries/rate-limit-counters";
import { getConfig } from "@/lib/config";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };

export const RATE_LIMITS = {
  get verificationPerIp(): RateLimitRule {
    return { name: "verify-ip", limit: getConfig().RATE_LIMIT_VERIFY_PER_IP, windowSeconds: 15 * 60 };
  },
  tokenSubmitPerIp: { name: "token-ip", limit: 10, windowSeconds: 10 * 60 },
  /** Failed patient sign-ins per address (lib/auth/sign-in-limit.ts). */
  get signInPerIp(): RateLimitRule {
    return { name: "signin-ip", limit: getConfig().RATE_LIMIT_SIGNIN_PER_IP, windowSeconds: 5 * 60 };
  },
  /** Failed staff sign-ins per address: a budget of its own, so junk at the patient form never locks staff out. */
  get staffSignInPerIp(): RateLimitRule {
    return { name: "staff-signin-ip", limit: getConfig().RATE_LIMIT_STAFF_SIGNIN_PER_IP, windowSeconds: 5 * 60 };
  },
  /**
   * Passkey ceremonies started per address, patient and staff alike (lib/auth/passkey-sign-in.ts): every request
   * counts, as each stores a challenge. Three times the patient sign-in failure budget.
   */
  get passkeyCeremoniesPerIp(): RateLimitRule {
    return { name: "passkey-ip", limit: 3 * getConfig().RATE_LIMIT_SIGNIN_PER_IP, windowSeconds: 5 * 60 };
  },
};

type LimitKey = { rule: RateLimitRule; subject: string; now: Date };

function windows({ rule, now }: LimitKey) {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  // The share of the previous window still inside the sliding window that ends now.
  const previousWeight = 1 - (now.getTime() - start) / windowMs;
  return { current: new Date(start).toISOString(), previous: new Date(start - windowMs).toISOString(), previousWeight };
}

/** The start of the fixed window `now` falls in. */
export function windowStartOf(rule: RateLimitRule, now: Date): Date {
  return new Date(windows({ rule, subject: "", now }).current);
}

/** The sliding-window estimate: this window's count plus the overlapping part of the previous one, rounded up. */
export function slidingCount(current: number, previous: number, previousWeight: number): number {
  return current + Math.ceil(previous * previousWeight);
}

/** Counts one hit; `count` is this window's counter after it, `allowed` whether the estimate is within the limit. */
export async function hitRateLimit(
  db: Pick<Db, "execute">,
  opts: LimitKey,
): Promise<{ allowed: boolean; count: number }> {
  const key = `${opts.rule.name}:${opts.subject}`;
  const w = windows(opts);
  const row = await countRateLimitHit(db, { key, current: w.current, previous: w.previous });
  return { allowed: slidingCount(row.count, row.previous, w.previousWeight) <= opts.rule.limit, count: row.count };
}

/** Takes back one hit counted at `now` (same window): for limits that count only failures. */
export async function refundRateLimit(db: Pick<Db, "execute">, opts: LimitKey): Promise<void> {
  await uncountRateLimitHit(db, { key: `${opts.rule.name}:${opts.subject}`, current: windows(opts).current });
}

/**
 * Counters past their window are worthless: a rule reads only its current and previous windows. Keys of a rule
 * not listed here are kept a day. The worker's retention job calls this (docs/security.md L2).
 */
export function counterCutoffs(now: Date, rules: RateLimitRule[] = Object.values(RATE_LIMITS)) {
  return {
    counters: rules.map((r) => ({
      prefix: `${r.name}:`,
      before: new Date(now.getTime() - 2 * r.windowSeconds * 1000),
    })),
    countersRestBefore: new Date(now.getTime() - 86_400_000),
  };
}

/** Reads a counter without adding to it: for limits that only count failures. */
export async function overRateLimit(db: Pick<Db, "execute">, opts: LimitKey): Promise<boolean> {
  const key = `${opts.rule.name}:${opts.subject}`;
  const w = windows(opts);
  const rows = await readRateLimitWindows(db, { key, current: w.current, previous: w.previous });
  const countAt = (iso: string) => rows.find((r) => new Date(r.window_start).toISOString() === iso)?.count ?? 0;
  return slidingCount(countAt(w.current), countAt(w.previous), w.previousWeight) >= opts.rule.limit;
}
