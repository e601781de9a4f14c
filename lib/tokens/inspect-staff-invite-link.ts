// Reads what a staff invitation link is for and whether it still works, without changing anything: mail
// scanners that open links must not use them up (docs/security.md T6).
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountTokens, staffUsers } from "@/db/schema";
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
  const [row] = await db
    .select({
      staffUserId: accountTokens.staffUserId,
      expiresAt: accountTokens.expiresAt,
      usedAt: accountTokens.usedAt,
      revokedAt: accountTokens.revokedAt,
      name: staffUsers.name,
      email: staffUsers.email,
      active: staffUsers.active,
      hasPassword: sql<boolean>`${staffUsers.passwordHash} is not null`,
    })
    .from(accountTokens)
    .innerJoin(staffUsers, eq(staffUsers.id, accountTokens.staffUserId))
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, "staff_invite")));
  if (!row?.staffUserId) return { state: "unknown" };
  if (row.usedAt) return { state: "used" };
  if (row.revokedAt) return { state: "replaced" };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  if (!row.active) return { state: "inactive" };
  // A password already chosen (by another link) makes any leftover invitation pointless.
  if (row.hasPassword) return { state: "used" };
  return { state: "valid", staffUserId: row.staffUserId, name: row.name, email: row.email };
}
