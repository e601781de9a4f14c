// The statements behind the setup form's "username taken" answer: is the name in use, and how many such
// answers one link has had (counted from its audit rows, which are never updated or deleted).
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { queryRows } from "../rows";
import { accountTokens, portalAccounts } from "../schema";

export async function usernameInUse(db: Pick<Db, "select">, username: string): Promise<boolean> {
  const [row] = await db
    .select({ id: portalAccounts.id })
    .from(portalAccounts)
    .where(sql`lower(${portalAccounts.username}) = ${username.toLowerCase()}`)
    .limit(1);
  return !!row;
}

/** Holds the link's row for the rest of the transaction, so simultaneous tries are counted one after another. */
export async function lockAccountToken(tx: Tx, linkId: string): Promise<void> {
  await tx.select({ id: accountTokens.id }).from(accountTokens).where(eq(accountTokens.id, linkId)).for("update");
}

export async function countLinkAuditEvents(
  tx: Tx,
  opts: { patientId: string; linkId: string; event: string },
): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from audit_events
        where patient_id = ${opts.patientId} and event = ${opts.event} and details->>'link' = ${opts.linkId}`,
  );
  return Number(n);
}

/** Voids one link that is still open. */
export async function revokeAccountToken(tx: Tx, opts: { linkId: string; reason: string; now: Date }): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ revokedAt: opts.now, revokedReason: opts.reason })
    .where(and(eq(accountTokens.id, opts.linkId), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)));
}
