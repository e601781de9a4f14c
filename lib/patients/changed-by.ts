// Who made a change to a patient's record, as the audit trail records it: a staff member, or an import file.
import type { AuditEvent } from "@/lib/audit/record-audit-event";

export type ChangedBy = { staffId: string } | { importSource: "csv" | "fhir" };

export function auditActorOf(by: ChangedBy): Pick<AuditEvent, "actorType" | "actorStaffId" | "details"> {
  return "staffId" in by
    ? { actorType: "staff", actorStaffId: by.staffId }
    : { actorType: "system", details: { source: by.importSource } };
}
