// Reads what a link is for and whether it still works, without changing anything: mail scanners that
// open links must not use them up (docs/security.md T6).
import type { Db } from "@/db/client";
import { findPatientLink } from "@/db/queries/account-tokens";
import { hashToken, looksLikeToken } from "./account-token";

/** The states every kind of link can be in (staff invitations too). */
export type BaseLinkState = "valid" | "used" | "expired" | "replaced" | "unknown";
/** A setup link also dies after too many tries at usernames that are taken (lib/accounts/refuse-taken-username.ts). */
export type LinkState = BaseLinkState | "too_many_usernames";
export const TOO_MANY_USERNAMES = "too_many_usernames";

/** The links a patient gets: set up an account, reset a password, remove a lost second step. */
export type PatientLinkPurpose = "setup" | "reset" | "second_step_recovery";

export type InspectedLink =
  | {
      state: "valid";
      purpose: PatientLinkPurpose;
      linkId: string;
      patientId: string;
      username: string | null;
      lastName: string;
      email: string | null;
    }
  | { state: Exclude<LinkState, "valid">; purpose: PatientLinkPurpose | null };

export async function inspectAccountLink(db: Pick<Db, "select">, token: unknown, now: Date): Promise<InspectedLink> {
  if (!looksLikeToken(token)) return { state: "unknown", purpose: null };
  const row = await findPatientLink(db, hashToken(token));
  if (!row || row.purpose === "staff_invite" || !row.patientId) return { state: "unknown", purpose: null };
  const purpose = row.purpose;
  if (row.usedAt) return { state: "used", purpose };
  if (row.revokedAt)
    return { state: row.revokedReason === TOO_MANY_USERNAMES ? TOO_MANY_USERNAMES : "replaced", purpose };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: "expired", purpose };
  // A password changed since the link was sent makes it stale.
  if ((row.sessionVersion ?? 0) !== row.credentialVersion) return { state: "replaced", purpose };
  return {
    state: "valid",
    purpose,
    linkId: row.id,
    patientId: row.patientId,
    username: row.username,
    lastName: row.lastName,
    email: row.email,
  };
}
