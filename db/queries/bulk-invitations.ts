// "Send invitations" runs: who a run would look at, the patients an invitation goes to, and the progress of one
// run (emails waiting, sent, failed, held).
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { jsonArray } from "../json-input";
import { queryRows } from "../rows";
import { searchCondition, type PatientSearch } from "./patients";
import { bulkInvitations, emailOutbox, patients, portalAccounts, staffUsers } from "../schema";

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

export type InvitationCandidate = { id: string; status: "inactive" | "unactivated" | "active"; recent: boolean };

/**
 * The patients a "Send invitations" run looks at, in list order: the chosen ids, or the Unactivated patients a
 * search finds; each with its stored status and whether a setup or reset link went to them since `since`.
 */
export async function listInvitationCandidates(
  db: Db,
  opts: { selection: { ids: string[] } | { search: PatientSearch }; since: Date },
): Promise<InvitationCandidate[]> {
  const which: SQL =
    "ids" in opts.selection
      ? opts.selection.ids.length
        ? sql`p.id in (${sql.join(
            opts.selection.ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`false`
      : sql`${searchCondition(opts.selection.search)} and p.portal_status = 'unactivated'`;
  return queryRows<InvitationCandidate>(
    db,
    sql`select p.id, p.portal_status as status,
          exists (select 1 from account_tokens t where t.patient_id = p.id and t.purpose in ('setup', 'reset')
                  and t.created_at > ${opts.since.toISOString()}::timestamptz) as recent
        from patients p where ${which} order by p.last_name, p.first_name, p.id`,
  );
}

/** The patients among `ids` with what decides whether and which link they are sent; missing ones are left out. */
export async function findInvitees(tx: Tx, ids: readonly string[]) {
  return tx
    .select({
      id: patients.id,
      email: patients.email,
      zip: patients.zip,
      portalAccessEnabled: patients.portalAccessEnabled,
      chartStatus: patients.chartStatus,
      emailChangedAt: patients.emailChangedAt,
      preferredLanguage: patients.preferredLanguage,
      accountId: portalAccounts.id,
    })
    .from(patients)
    .leftJoin(portalAccounts, eq(portalAccounts.patientId, patients.id))
    .where(sql`${patients.id} = any(${jsonArray(ids, "uuid")})`);
}

export async function insertBulkInvitation(
  db: Db,
  opts: { createdByStaffId: string | null; createdAt: Date; skipped: number },
): Promise<string> {
  const [bulk] = await db.insert(bulkInvitations).values(opts).returning({ id: bulkInvitations.id });
  return bulk.id;
}

export async function writeBulkCounts(tx: Tx, opts: { id: string; queued: number; skipped: number }) {
  await tx
    .update(bulkInvitations)
    .set({ queued: opts.queued, skipped: opts.skipped })
    .where(eq(bulkInvitations.id, opts.id));
}
