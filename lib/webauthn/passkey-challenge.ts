// The server's half of every passkey ceremony: each challenge it hands out is kept as its SHA-256, for
// 5 minutes, once (docs/security.md M3). An answer is matched by the challenge its clientDataJSON carries.
import type { Db } from "@/db/client";
import { type ChallengePurpose, insertChallenge, spendChallenge } from "@/db/queries/webauthn-challenges";
import type { AccountRef } from "@/lib/second-factor/account-ref";
import { hashToken } from "@/lib/tokens/account-token";
import { CHALLENGE_MS } from "./relying-party";

export type { ChallengePurpose };

export async function storeChallenge(
  db: Db,
  opts: { challenge: string; purpose: ChallengePurpose; owner: AccountRef | null; now: Date },
) {
  await insertChallenge(db, {
    challengeHash: hashToken(opts.challenge),
    purpose: opts.purpose,
    owner: opts.owner,
    now: opts.now,
    expiresAt: new Date(opts.now.getTime() + CHALLENGE_MS),
  });
}

/**
 * Spends the challenge an answer claims to answer, whatever happens next: a refused answer still uses it up.
 * Null when the answer carries no readable challenge, or it is unknown, used or expired.
 */
export async function spendAnsweredChallenge(db: Db, opts: { clientDataJSON: string; now: Date }) {
  const challenge = challengeIn(opts.clientDataJSON);
  if (!challenge) return null;
  const spent = await spendChallenge(db, { challengeHash: hashToken(challenge), now: opts.now });
  return spent && { challenge, ...spent };
}

// Ours are 32 random bytes (43 characters); anything unlike that cannot be one.
function challengeIn(clientDataJSON: string): string | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    const challenge = (data as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === "string" && /^[A-Za-z0-9_-]{16,128}$/.test(challenge) ? challenge : null;
  } catch {
    return null;
  }
}
