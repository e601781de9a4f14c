// Uses a link inside the caller's transaction: one conditional UPDATE, so of any number of simultaneous
// submissions exactly one gets the row back (docs/security.md T3).
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { accountTokens } from "@/db/schema";
import { hashToken } from "./account-token";

export async function consumeToken(
  tx: Tx,
  opts: { token: string; purpose: "setup" | "reset" | "staff_invite"; now: Date },
) {
  const [used] = await tx
    .update(accountTokens)
    .set({ usedAt: opts.now })
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(opts.token)),
        eq(accountTokens.purpose, opts.purpose),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
        gt(accountTokens.expiresAt, opts.now),
      ),
    )
    .returning({
      patientId: accountTokens.patientId,
      staffUserId: accountTokens.staffUserId,
      credentialVersion: accountTokens.credentialVersion,
    });
  return used ?? null;
}
