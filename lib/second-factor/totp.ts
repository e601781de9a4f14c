// Authenticator-app codes (RFC 6238) through otplib: 30-second steps, 6 digits, the step before and after accepted
// for clock drift, and no step accepted twice (docs/security.md M2). The candidate codes for the three steps are
// all made and all compared, so a wrong, an old and a replayed code cost the same work.
import { timingSafeEqual } from "node:crypto";
import { generateSecret, generateSync, generateURI } from "otplib";

export const TOTP = { periodSeconds: 30, digits: 6, driftSteps: 1 } as const;

export const newTotpSecret = () => generateSecret({ length: 20 });

export const totpStepAt = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP.periodSeconds);

/** The otpauth:// address an authenticator app reads from the QR code. */
export const totpUri = (opts: { issuer: string; accountName: string; secret: string }) =>
  generateURI({ issuer: opts.issuer, label: opts.accountName, secret: opts.secret, period: TOTP.periodSeconds });

/** The code an app shows at this step; for the demo mailbox and for tests that play the app. */
export const totpCodeAt = (secret: string, step: number) =>
  generateSync({ secret, epoch: step * TOTP.periodSeconds, period: TOTP.periodSeconds, digits: TOTP.digits });

const asDigits = (typed: string) => typed.replace(/[\s-]/g, "");

/**
 * The step the typed code belongs to, when it is one of the accepted steps and newer than `afterStep`;
 * otherwise null (wrong, too old, or already used).
 */
export function matchTotp(opts: { secret: string; typed: string; afterStep: number | null; now: Date }): number | null {
  const digits = asDigits(opts.typed);
  // Anything that is not six digits is compared as a code that never matches, with the same work.
  const typed = Buffer.from(/^\d{6}$/.test(digits) ? digits : "------");
  const current = totpStepAt(opts.now);
  let matched: number | null = null;
  for (let step = current - TOTP.driftSteps; step <= current + TOTP.driftSteps; step++) {
    const same = timingSafeEqual(Buffer.from(totpCodeAt(opts.secret, step)), typed);
    if (same && matched === null) matched = step;
  }
  if (matched === null || (opts.afterStep !== null && matched <= opts.afterStep)) return null;
  return matched;
}
