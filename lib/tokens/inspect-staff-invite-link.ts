// Reads what a staff invitation link is for and whether it still works, without changing anything: mail
// scanners that open links must not use them up (docs/security.md T6).
import type { Db } from "@/db/client";
import { findStaffInviteLink } from "@/db/queries/account-tokens";
import { hashToken, looksLikeToken } from "./account-token";
import type { BaseLinkState } from "./inspect-account-link";

export type StaffInviteState = BaseLinkState | "inactive";

export type InspectedStaffInvite =
  | { state: "valid"; staffUserId: string; name: string; email: string }
  | { state: Exclude<StaffInviteState, "valid"> };

export async function inspectStaffInviteLink(
  db: Pick<Db, "select">,
  token: unknown,
  now: Date,
): Promise<InspectedStaffInvite> {
  if (!looksLikeToken(token)) return { state: "unknown" };
  const row = await findStaffInviteLink(db, hashToken(token));
  if (!row?.staffUserId) return { state: "unknown" };
  if (row.usedAt) return { state: "used" };
  if (row.revokedAt) return { state: "replaced" };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  if (!row.active) return { state: "inactive" };
  // A password already chosen (by another link) makes any leftover invitation pointless.
  if (row.hasPassword) return { state: "used" };
  return { state: "valid", staffUserId: row.staffUserId, name: row.name, email: row.email };
}
