// docs/security.md T8: one address may submit at most 10 bad links in 10 minutes. Guessing a 256-bit link is hopeless
// anyway; the limit cuts short a script hammering the forms. Only failures count, so a family sharing one
// address is never stopped by its own good links; once over, even a good link waits, and nothing is written.
// "That username is taken" on the setup form counts too: it answers whether someone has that username.
import type { Db } from "@/db/client";
import { hitRateLimit, overRateLimit, RATE_LIMITS } from "./hit-rate-limit";

type LinkRefused = { ok: false; reason: "link"; state: "unknown" };

/** A link that does not work, and a setup username that is taken: each tells the caller something. */
const COUNTED = new Set(["link", "username_taken"]);

export async function runWithinBadLinkLimit<R extends { ok: boolean }>(
  db: Db,
  opts: { address: string; now: Date },
  use: () => Promise<R>,
): Promise<R | LinkRefused> {
  const key = { rule: RATE_LIMITS.tokenSubmitPerIp, subject: opts.address, now: opts.now };
  if (await overRateLimit(db, key)) return { ok: false, reason: "link", state: "unknown" };
  const result = await use();
  if (!result.ok && COUNTED.has((result as { reason?: string }).reason ?? "")) await hitRateLimit(db, key);
  return result;
}
