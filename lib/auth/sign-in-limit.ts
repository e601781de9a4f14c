// Per-address sign-in limits (docs/security.md S2): failures only, with one budget for patient sign-in and
// another for staff, so a burst of junk at the patient form from a clinic's shared address does not lock the
// front desk out. Each attempt takes a place before any password is hashed (one atomic statement, so a
// parallel flood cannot slip past); a success gives its place back, after the answer.
import type { Db } from "@/db/client";
import { hitRateLimit, RATE_LIMITS, refundRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import type { Defer } from "./defer";

export type SignInLimited<R> = { limited: true } | { limited: false; result: R };

/** The per-address failure budget of patient or staff sign-in. */
export const signInRule = (kind: "patient" | "staff") =>
  kind === "staff" ? RATE_LIMITS.staffSignInPerIp : RATE_LIMITS.signInPerIp;

export async function runWithinSignInLimit<R>(
  db: Db,
  opts: { kind: "patient" | "staff"; address: string; now: Date; defer?: Defer },
  attempt: () => Promise<R>,
  succeeded: (result: R) => boolean,
): Promise<SignInLimited<R>> {
  const key = {
    rule: signInRule(opts.kind),
    subject: opts.address,
    now: opts.now,
  };
  if (!(await hitRateLimit(db, key)).allowed) return { limited: true };
  const result = await attempt();
  if (succeeded(result)) {
    const giveBack = () => refundRateLimit(db, key);
    await (opts.defer ?? ((work) => work()))(giveBack);
  }
  return { limited: false, result };
}
