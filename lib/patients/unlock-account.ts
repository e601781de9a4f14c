// Staff lift a sign-in lock (after the patient called); the patient's password stays theirs.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { portalAccounts } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export async function unlockAccount(db: Db, opts: { patientId: string; staffId: string }): Promise<{ ok: boolean }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(portalAccounts)
      .set({ lockedUntil: null, failedLoginCount: 0 })
      .where(eq(portalAccounts.patientId, opts.patientId))
      .returning({ id: portalAccounts.id });
    if (rows.length)
      await recordAuditEvent(tx, {
        event: "staff.account_unlocked",
        actorType: "staff",
        actorStaffId: opts.staffId,
        patientId: opts.patientId,
      });
    return { ok: rows.length > 0 };
  });
}
