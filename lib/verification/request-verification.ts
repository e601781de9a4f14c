// What the create-account, forgot-password, forgot-username and second-step-help forms do while the patient waits: record the
// request, sealed, and nothing else. Every outcome costs the same, so timing tells nothing (docs/security.md V2);
// the worker matches it against the chart and writes the email afterwards.
import type { Db } from "@/db/client";
import { recordVerificationAttempt } from "@/db/queries/verification-attempts";
import { seal } from "@/lib/crypto/seal";
import { emailHmac } from "@/lib/audit/record-audit-event";
import { RATE_LIMITS, rateLimitWindows } from "@/lib/rate-limit/hit-rate-limit";
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
  // One statement counts the address's hit and records the request by the limiter's decision. Over the limit it
  // is recorded for staff, never matched, no email, and counted on the one row of this address and window
  // (docs/security.md L2). The details are sealed either way (kept only within the limit): same work, same answer.
  await recordVerificationAttempt(db, {
    limit: rateLimitWindows({ rule: RATE_LIMITS.verificationPerIp, subject: opts.ipHash, now: opts.now }),
    flow: opts.flow,
    ipHash: opts.ipHash,
    emailHmac: emailHmac(opts.details.email),
    createdAt: opts.now,
    sealedInput: seal({ ...opts.details, locale: opts.locale } satisfies SealedRequest),
  });
}
