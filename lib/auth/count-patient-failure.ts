// One wrong password against a patient account, wherever it was typed (sign-in, or the current password when
// changing it): counts towards the wait and the lock, and records the lock when this failure set it.
import type { Tx } from "@/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { countFailure, LOCKOUT } from "./lockout";

export async function countPatientFailure(
  tx: Tx,
  opts: { accountId: string; patientId: string; now: Date },
): Promise<void> {
  if (await countFailure(tx, "patient_account", opts.accountId, opts.now)) {
    await recordAuditEvent(tx, {
      event: "patient.locked",
      actorType: "system",
      patientId: opts.patientId,
      details: { minutes: LOCKOUT.lockMinutes },
    });
  }
}
