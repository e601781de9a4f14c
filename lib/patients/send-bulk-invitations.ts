// Queues one invitation per patient under one bulk run that staff can follow, a thousand patients per
// transaction in a dozen statements (invitePatients is set-based), so 10,000 patients take seconds, not minutes.
// Emails leave through the outbox, which sends them in provider batches.
import type { Db } from "@/db/client";
import { insertBulkInvitation, writeBulkCounts } from "@/db/queries/bulk-invitations";
import { invitePatients } from "./invite-patients";

export const BULK_CHUNK = 1000;

export async function sendBulkInvitations(
  db: Db,
  opts: { patientIds: string[]; staffId: string | null; now: Date; skippedBefore?: number },
): Promise<{ bulkId: string; queued: number; skipped: number }> {
  const bulkId = await insertBulkInvitation(db, {
    createdByStaffId: opts.staffId,
    createdAt: opts.now,
    skipped: opts.skippedBefore ?? 0,
  });
  let queued = 0;
  let skipped = opts.skippedBefore ?? 0;
  const ids = [...new Set(opts.patientIds)];
  skipped += opts.patientIds.length - ids.length;
  for (let i = 0; i < ids.length; i += BULK_CHUNK) {
    await db.transaction(async (tx) => {
      // Anything that changed since the plan (access switched off, an email just changed) is skipped, not forced;
      // so is an email held by the per-recipient cap.
      const results = await invitePatients(tx, {
        patientIds: ids.slice(i, i + BULK_CHUNK),
        staffId: opts.staffId,
        via: "bulk",
        now: opts.now,
        bulkInvitationId: bulkId,
      });
      const q = results.filter((r) => r.ok && r.queued).length;
      queued += q;
      skipped += results.length - q;
      // Counted in the same transaction, so the progress page never shows emails its counts do not include.
      await writeBulkCounts(tx, { id: bulkId, queued, skipped });
    });
  }
  return { bulkId, queued, skipped };
}
