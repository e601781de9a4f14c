// Issues a setup or reset link for a patient inside the caller's transaction. A newer link of the same
// purpose voids the older unused ones, so only the newest email works (SECURITY.md T5).
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { accountTokens, portalAccounts } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { generateToken, hashToken } from "./account-token";
import { linkLifetime } from "./link-lifetime";

export type IssuedLink = { url: string; expiresAt: Date; validFor: string };
export type LinkIssuer = "self_service" | "staff" | "bulk" | "reminder";

export async function issueAccountLink(
  tx: Tx,
  opts: { patientId: string; purpose: "setup" | "reset"; via: LinkIssuer; issuedByStaffId?: string | null; now: Date },
): Promise<IssuedLink> {
  // Invitations from the practice last longer than a link the patient just asked for.
  const lifetime = linkLifetime(opts.purpose === "reset" ? "reset" : opts.via === "self_service" ? "setup_self_service" : "setup_staff");
  const [account] = await tx
    .select({ sessionVersion: portalAccounts.sessionVersion })
    .from(portalAccounts)
    .where(eq(portalAccounts.patientId, opts.patientId));
  await tx
    .update(accountTokens)
    .set({ revokedAt: opts.now, revokedReason: "replaced" })
    .where(
      and(
        eq(accountTokens.patientId, opts.patientId),
        eq(accountTokens.purpose, opts.purpose),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
      ),
    );
  const token = generateToken();
  const expiresAt = new Date(opts.now.getTime() + lifetime.ms);
  await tx.insert(accountTokens).values({
    tokenHash: hashToken(token),
    purpose: opts.purpose,
    patientId: opts.patientId,
    issuedByStaffId: opts.issuedByStaffId ?? null,
    issuedVia: opts.via,
    credentialVersion: account?.sessionVersion ?? 0,
    createdAt: opts.now,
    expiresAt,
  });
  await recordAuditEvent(tx, {
    event: "token.issued",
    actorType: opts.issuedByStaffId ? "staff" : "system",
    actorStaffId: opts.issuedByStaffId ?? null,
    patientId: opts.patientId,
    details: { purpose: opts.purpose, via: opts.via },
  });
  const page = opts.purpose === "setup" ? "setup-account" : "reset-password";
  // Links come from APP_URL only: the request's Host header never reaches this code.
  return { url: `${getConfig().APP_URL}/${page}?token=${token}`, expiresAt, validFor: lifetime.words };
}

/** Voids every unused link of a patient (password change, email change, access switched off). */
export async function revokeAccountLinks(tx: Tx, opts: { patientId: string; reason: string; now: Date }) {
  await tx
    .update(accountTokens)
    .set({ revokedAt: opts.now, revokedReason: opts.reason })
    .where(and(eq(accountTokens.patientId, opts.patientId), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)));
}
