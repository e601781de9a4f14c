// The setup form's username check, made before any password is hashed (issue 11 point 2; docs/security.md T8):
// "That username is taken" necessarily says that someone has it, so every such answer is audited
// (`account.username_taken`, without the username) and counted, against the caller's address by the bad-link
// limiter and here against the link: after USERNAME_TRIES_PER_LINK of them the link is void and says so.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { accountTokens, portalAccounts } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { TOO_MANY_USERNAMES } from "@/lib/tokens/inspect-account-link";

export const USERNAME_TRIES_PER_LINK = 10;

/** True (and counted) when `username` belongs to an account already; false when it is free. */
export async function refuseTakenUsername(
  db: Db,
  opts: { linkId: string; patientId: string; username: string; now: Date },
): Promise<boolean> {
  const [taken] = await db
    .select({ id: portalAccounts.id })
    .from(portalAccounts)
    .where(sql`lower(${portalAccounts.username}) = ${opts.username.toLowerCase()}`)
    .limit(1);
  if (!taken) return false;
  await db.transaction(async (tx) => {
    // The link's row serialises simultaneous tries, so the count below is exact.
    await tx
      .select({ id: accountTokens.id })
      .from(accountTokens)
      .where(eq(accountTokens.id, opts.linkId))
      .for("update");
    await recordAuditEvent(tx, {
      event: "account.username_taken",
      actorType: "anonymous",
      patientId: opts.patientId,
      details: { link: opts.linkId },
    });
    const [{ tries }] = await queryRows<{ tries: number }>(
      tx,
      sql`select count(*)::int as tries from audit_events
          where patient_id = ${opts.patientId} and event = 'account.username_taken' and details->>'link' = ${opts.linkId}`,
    );
    if (Number(tries) >= USERNAME_TRIES_PER_LINK) {
      await tx
        .update(accountTokens)
        .set({ revokedAt: opts.now, revokedReason: TOO_MANY_USERNAMES })
        .where(and(eq(accountTokens.id, opts.linkId), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)));
    }
  });
  return true;
}
