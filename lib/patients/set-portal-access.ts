// "Patient Can Access Portal", switched by staff on the Patient Portal tab or by an import. Switching it off
// ends the patient's sessions and voids their links at once (docs/security.md S4, T5); switching it on sends
// nothing by itself.
import type { Tx } from "@/db/client";
import { writePortalAccess } from "@/db/queries/patient-changes";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endPatientSessions } from "@/lib/accounts/end-patient-sessions";
import { revokeAccountLinks } from "@/lib/tokens/issue-account-link";
import { auditActorOf, type ChangedBy } from "./changed-by";

export async function setPortalAccess(
  tx: Tx,
  opts: { patientId: string; enabled: boolean; by: ChangedBy; now: Date },
): Promise<{ ok: boolean }> {
  if (!(await writePortalAccess(tx, opts))) return { ok: false };
  if (!opts.enabled) {
    await endPatientSessions(tx, { patientId: opts.patientId });
    await revokeAccountLinks(tx, { patientId: opts.patientId, reason: "access_off", now: opts.now });
  }
  await recordAuditEvent(tx, {
    event: opts.enabled ? "patient.portal_access_on" : "patient.portal_access_off",
    patientId: opts.patientId,
    ...auditActorOf(opts.by),
  });
  return { ok: true };
}
