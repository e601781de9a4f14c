// Who the passkeys belong to: the RP ID is APP_URL's host name, the only origin accepted is APP_URL's, and the
// name people see in their passkey manager is the practice's (docs/security.md M3).
import { createHash } from "node:crypto";
import { getConfig } from "@/lib/config";
import type { AccountRef } from "@/lib/second-factor/account-ref";

export type RelyingParty = { rpID: string; rpName: string; origin: string };

/** Challenges live 5 minutes, and the browser is asked to give up by then too. */
export const CHALLENGE_MINUTES = 5;
export const CHALLENGE_MS = CHALLENGE_MINUTES * 60_000;

export function relyingParty(): RelyingParty {
  const { APP_URL, PRACTICE_NAME } = getConfig();
  const url = new URL(APP_URL);
  return { rpID: url.hostname, rpName: PRACTICE_NAME, origin: url.origin };
}

/**
 * The WebAuthn user handle of an account: stable (so a second registration on one authenticator replaces the
 * first rather than piling up), never the email or name (authenticators may show or sync it), and not the raw
 * row id either: a SHA-256 of the account reference.
 */
export function passkeyUserHandle(owner: AccountRef): Uint8Array<ArrayBuffer> {
  const digest = createHash("sha256").update(`patient-portal webauthn user:${owner.kind}:${owner.id}`).digest();
  return new Uint8Array(digest);
}
