// What the create-account, forgot-password, forgot-username and second-step-help forms do while the patient waits: record the
// request, sealed, and nothing else. Every outcome costs the same, so timing tells nothing (docs/security.md V2);
// the worker matches it against the chart and writes the email afterwards.
import type { Db } from "@/db/client";
import { insertVerificationAttempt } from "@/db/queries/verification-attempts";
import { seal } from "@/lib/crypto/seal";
import { emailHmac } from "@/lib/audit/record-audit-event";
import { hitRateLimit, RATE_LIMITS, windowStartOf } from "@/lib/rate-limit/hit-rate-limit";
import type { Locale } from "@/lib/i18n/locales";
import type { TypedDetails } from "./match-patient";

export type VerificationFlow = "register" | "forgot_password" | "forgot_username" | "second_step_recovery";

/** What is sealed: the typed details and the language of the form, which the reply is written in. */
export type SealedRequest = TypedDetails & { locale?: Locale };

export async function requestVerification(
  db: Db,
  /** `locale`: the language of the form, which the reply is written in (English when absent). */
  opts: { flow: VerificationFlow; details: TypedDetails; locale?: Locale; ipHash: string; now: Date },
): Promise<void> {
  const limit = await hitRateLimit(db, { rule: RATE_LIMITS.verificationPerIp, subject: opts.ipHash, now: opts.now });
  await insertVerificationAttempt(db, {
    flow: opts.flow,
    ipHash: opts.ipHash,
    emailHmac: emailHmac(opts.details.email),
    createdAt: opts.now,
    // Over the limit: recorded for staff, never matched, no email, and counted on the one row of this address and
    // window (docs/security.md L2). Same statement, same answer.
    sealedInput: limit.allowed ? seal({ ...opts.details, locale: opts.locale } satisfies SealedRequest) : null,
    processedAt: limit.allowed ? null : opts.now,
    outcome: limit.allowed ? null : "rate_limited",
    limitWindow: limit.allowed ? null : windowStartOf(RATE_LIMITS.verificationPerIp, opts.now),
  });
}
