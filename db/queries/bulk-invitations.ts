// Progress of one "Send invitations" run: how many of its emails are waiting, sent, failed or held.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { bulkInvitations, emailOutbox, staffUsers } from "../schema";

export async function getBulkProgress(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [bulk] = await db
    .select({
      id: bulkInvitations.id,
      createdAt: bulkInvitations.createdAt,
      queued: bulkInvitations.queued,
      skipped: bulkInvitations.skipped,
      by: staffUsers.name,
    })
    .from(bulkInvitations)
    .leftJoin(staffUsers, eq(staffUsers.id, bulkInvitations.createdByStaffId))
    .where(eq(bulkInvitations.id, id));
  if (!bulk) return null;
  const rows = await db
    .select({ status: emailOutbox.status, n: sql<number>`count(*)::int` })
    .from(emailOutbox)
    .where(eq(emailOutbox.bulkInvitationId, id))
    .groupBy(emailOutbox.status);
  const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
  const waiting = (by.queued ?? 0) + (by.sending ?? 0);
  return { ...bulk, waiting, sent: by.sent ?? 0, failed: by.failed ?? 0, held: by.held ?? 0, done: waiting === 0 };
}
