// Staff lift a sign-in lock (after the patient called); the patient's password stays theirs.
import type { Db } from "@/db/client";
import { clearPatientSignInLock } from "@/db/queries/sign-in-failures";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export async function unlockAccount(db: Db, opts: { patientId: string; staffId: string }): Promise<{ ok: boolean }> {
  return db.transaction(async (tx) => {
    const unlocked = await clearPatientSignInLock(tx, opts.patientId);
    if (unlocked)
      await recordAuditEvent(tx, {
        event: "staff.account_unlocked",
        actorType: "staff",
        actorStaffId: opts.staffId,
        patientId: opts.patientId,
      });
    return { ok: unlocked };
  });
}
