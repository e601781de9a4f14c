// Issues a staff invitation link inside the caller's transaction. A newer invitation voids the staff member's
// older unused ones, so only the newest email works (docs/security.md T5).
import type { Tx } from "@/db/client";
import { insertStaffInviteToken, revokeStaffInviteTokens } from "@/db/queries/account-tokens";
import { getConfig } from "@/lib/config";
import { generateToken, hashToken } from "./account-token";
import { linkLifetime } from "./link-lifetime";
import type { IssuedLink } from "./issue-account-link";

export async function issueStaffInviteLink(
  tx: Tx,
  opts: { staffUserId: string; issuedByStaffId: string; now: Date },
): Promise<IssuedLink> {
  const lifetime = linkLifetime("setup_staff");
  await revokeStaffInviteLinks(tx, { staffUserId: opts.staffUserId, reason: "replaced", now: opts.now });
  const token = generateToken();
  const expiresAt = new Date(opts.now.getTime() + lifetime.ms);
  await insertStaffInviteToken(tx, {
    tokenHash: hashToken(token),
    staffUserId: opts.staffUserId,
    issuedByStaffId: opts.issuedByStaffId,
    createdAt: opts.now,
    expiresAt,
  });
  // Links come from APP_URL only: the request's Host header never reaches this code.
  return { url: `${getConfig().APP_URL}/staff-setup?token=${token}`, expiresAt, validFor: lifetime.words };
}

/** Voids every unused invitation of a staff member (a newer one, deactivation, password chosen). */
export async function revokeStaffInviteLinks(tx: Tx, opts: { staffUserId: string; reason: string; now: Date }) {
  await revokeStaffInviteTokens(tx, opts);
}
