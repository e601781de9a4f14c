// The worker's retention job: deletes rows that only grow once they are past their use, with the cutoffs from
// the configuration (docs/security.md L2), and second-step rows a day after they expired. The audit trail is never
// purged by it.
import type { Db } from "@/db/client";
import { deleteExpiredRows, type RetentionCounts } from "@/db/queries/retention";
import { getConfig } from "@/lib/config";
import { counterCutoffs, type RateLimitRule } from "@/lib/rate-limit/hit-rate-limit";

const DAY_MS = 86_400_000;

export async function applyRetention(db: Db, opts: { now: Date; rules?: RateLimitRule[] }): Promise<RetentionCounts> {
  const config = getConfig();
  const at = opts.now.getTime();
  return deleteExpiredRows(db, {
    verificationAttemptsBefore: new Date(at - config.RETENTION_VERIFICATION_DAYS * DAY_MS),
    sentEmailsBefore: new Date(at - config.RETENTION_SENT_EMAIL_DAYS * DAY_MS),
    // A revoked session's row holds the moment its JWT would have expired (sign-in + the absolute lifetime).
    revokedSessionsExpiredBy: opts.now,
    ...counterCutoffs(opts.now, opts.rules),
    heartbeatsBefore: new Date(at - DAY_MS),
    // Emailed codes, half-done sign-ins, WebAuthn challenges and trusted devices are useless once expired; a day
    // later they go (the audit trail keeps what happened with them).
    secondStepExpiredBefore: new Date(at - DAY_MS),
  });
}
