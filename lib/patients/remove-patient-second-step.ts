// Staff "Remove second step" on the Patient Portal tab (issue 12, M9): for a patient who calls because their
// authenticator app or passkey is gone. Every second step goes, through removeSecondFactors, which ends the
// patient's sessions, audits and tells the address on file. Within EMAIL_CHANGE_CONFIRM_HOURS of an email change
// it is refused unless staff confirm they verified the caller: a caller who first talked the front desk into a
// new email address must not then get the second step taken off as well (docs/security.md A3).
import type { Tx } from "@/db/client";
import { lockPatientEmail } from "@/db/queries/patient-changes";
import type { FactorKind } from "@/db/queries/second-factors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { removeSecondFactors } from "@/lib/second-factor/remove-second-factors";
import { emailChangedRecently } from "./email-changed-recently";

export type RemovePatientSecondStepResult =
  | { ok: true; removed: FactorKind[] }
  | { ok: false; reason: "not_found" | "none" }
  | { ok: false; reason: "confirm_caller"; changedAt: Date };

export async function removePatientSecondStep(
  tx: Tx,
  opts: { patientId: string; staffId: string; callerVerified: boolean; now: Date },
): Promise<RemovePatientSecondStepResult> {
  // Locked, so an email change cannot slip in between this check and the removal.
  const patient = await lockPatientEmail(tx, opts.patientId);
  if (!patient) return { ok: false, reason: "not_found" };
  const recentChange = emailChangedRecently({ emailChangedAt: patient.emailChangedAt, now: opts.now });
  if (recentChange && !opts.callerVerified) {
    return { ok: false, reason: "confirm_caller", changedAt: patient.emailChangedAt! };
  }
  const result = await removeSecondFactors(tx, {
    owner: { kind: "patient", id: opts.patientId },
    removedBy: { by: "staff", staffId: opts.staffId },
    now: opts.now,
  });
  if (!result.ok) return { ok: false, reason: "none" };
  if (recentChange) {
    await recordAuditEvent(tx, {
      event: "alert.second_step_removed_after_email_change",
      actorType: "staff",
      actorStaffId: opts.staffId,
      patientId: opts.patientId,
      details: { callerVerified: true },
    });
  }
  return { ok: true, removed: result.removed };
}
