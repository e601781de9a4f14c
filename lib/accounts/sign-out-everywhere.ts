// "Sign out everywhere": the signed-in patient ends every one of their sessions, this one included.
import type { Db } from "@/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endPatientSessions } from "./end-patient-sessions";

export async function signOutPatientEverywhere(db: Db, opts: { patientId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await endPatientSessions(tx, { patientId: opts.patientId });
    await recordAuditEvent(tx, {
      event: "patient.signed_out_everywhere",
      actorType: "patient",
      patientId: opts.patientId,
    });
  });
}
