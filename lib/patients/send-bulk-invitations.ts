// Queues one invitation per patient, a hundred patients per transaction, all under one bulk run that staff
// can follow. Emails leave through the outbox, which sends them in provider batches.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bulkInvitations } from "@/db/schema";
import { sendPortalInvitation } from "./send-portal-invitation";

const CHUNK = 100;

export async function sendBulkInvitations(
  db: Db,
  opts: { patientIds: string[]; staffId: string | null; now: Date; skippedBefore?: number },
): Promise<{ bulkId: string; queued: number; skipped: number }> {
  const [bulk] = await db.insert(bulkInvitations).values({ createdByStaffId: opts.staffId, createdAt: opts.now }).returning({ id: bulkInvitations.id });
  let queued = 0;
  let skipped = opts.skippedBefore ?? 0;
  for (let i = 0; i < opts.patientIds.length; i += CHUNK) {
    const counts = await db.transaction(async (tx) => {
      let q = 0;
      let s = 0;
      for (const patientId of opts.patientIds.slice(i, i + CHUNK)) {
        // Anything that changed since the plan (access switched off, an email just changed) is skipped, not forced.
        const r = await sendPortalInvitation(tx, { patientId, staffId: opts.staffId, via: "bulk", now: opts.now, bulkInvitationId: bulk.id });
        if (r.ok && r.queued) q++;
        else s++;
      }
      return { q, s };
    });
    queued += counts.q;
    skipped += counts.s;
    await db.update(bulkInvitations).set({ queued, skipped }).where(eq(bulkInvitations.id, bulk.id));
  }
  return { bulkId: bulk.id, queued, skipped };
}
