// WebAuthn challenges: kept only as the SHA-256 of the base64url challenge, each usable once until it expires
// (docs/security.md M3). The hashing and lifetime are lib/webauthn's business; retention.ts deletes old ones.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { webauthnChallenges } from "../schema";
import type { FactorOwner } from "./second-factors";

export type ChallengePurpose = "register" | "authenticate";

export async function insertChallenge(
  db: Db | Tx,
  opts: { challengeHash: string; purpose: ChallengePurpose; owner: FactorOwner | null; now: Date; expiresAt: Date },
) {
  await db.insert(webauthnChallenges).values({
    challengeHash: opts.challengeHash,
    purpose: opts.purpose,
    staffUserId: opts.owner?.kind === "staff" ? opts.owner.id : null,
    patientId: opts.owner?.kind === "patient" ? opts.owner.id : null,
    createdAt: opts.now,
    expiresAt: opts.expiresAt,
  });
}

/**
 * Uses a challenge: one conditional UPDATE, so of any number of simultaneous answers exactly one gets the row
 * back; null when the challenge is unknown, used or expired. The caller checks purpose and owner.
 */
export async function spendChallenge(
  db: Db | Tx,
  opts: { challengeHash: string; now: Date },
): Promise<{ purpose: ChallengePurpose; owner: FactorOwner | null } | null> {
  const [row] = await db
    .update(webauthnChallenges)
    .set({ usedAt: opts.now })
    .where(
      and(
        eq(webauthnChallenges.challengeHash, opts.challengeHash),
        isNull(webauthnChallenges.usedAt),
        gt(webauthnChallenges.expiresAt, opts.now),
      ),
    )
    .returning({
      purpose: webauthnChallenges.purpose,
      staffUserId: webauthnChallenges.staffUserId,
      patientId: webauthnChallenges.patientId,
    });
  if (!row) return null;
  const owner: FactorOwner | null = row.staffUserId
    ? { kind: "staff", id: row.staffUserId }
    : row.patientId
      ? { kind: "patient", id: row.patientId }
      : null;
  return { purpose: row.purpose as ChallengePurpose, owner };
}
