// Counters in PostgreSQL, shared by every app instance: one statement per hit. A window's counter alone would let
// a caller send `limit` requests at the end of one window and `limit` more at the start of the next; so the
// previous window's count is weighed in by how much of it still overlaps the sliding window ending now.
import type { Db } from "@/db/client";
import {
  countRateLimitHit,
  type RateLimitWindows,
  rateLimitReached,
  uncountRateLimitHit,
} from "@/db/queries/rate-limit-counters";
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

/** The rule's windows for this subject at `now`, and its limit, as the counter statements take them. */
export function rateLimitWindows({ rule, subject, now }: LimitKey): RateLimitWindows & { limit: number } {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return {
    key: `${rule.name}:${subject}`,
    current: new Date(start).toISOString(),
    previous: new Date(start - windowMs).toISOString(),
    // The share of the previous window still inside the sliding window that ends now.
    previousWeight: 1 - (now.getTime() - start) / windowMs,
    limit: rule.limit,
  };
}

/** Counts one hit; `count` is this window's counter after it, `allowed` whether the estimate is within the limit. */
export async function hitRateLimit(db: Pick<Db, "_">, opts: LimitKey): Promise<{ allowed: boolean; count: number }> {
  return countRateLimitHit(db, rateLimitWindows(opts));
}

/** Takes back one hit counted at `now` (same window): for limits that count only failures. */
export async function refundRateLimit(db: Pick<Db, "execute">, opts: LimitKey): Promise<void> {
  await uncountRateLimitHit(db, rateLimitWindows(opts));
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
  return rateLimitReached(db, rateLimitWindows(opts));
}
