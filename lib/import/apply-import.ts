// Runs an import as one transaction: the plan is made from the rows as the transaction sees them, and any
// failure (a problem row, a racing edit, a lost connection) leaves the database as it was. A new email or a
// switch of portal access goes through the same functions as a staff edit, with the same consequences.
import type { Db } from "@/db/client";
import { insertImportedPatients, updateImportedPatient } from "@/db/queries/import-patients";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { changePatientEmail } from "@/lib/patients/change-patient-email";
import { setPortalAccess } from "@/lib/patients/set-portal-access";
import { findExistingPatients } from "./find-existing-patients";
import { planImport } from "./plan-import";
import type { ImportOutcome, ParsedImport } from "./types";

const INSERT_CHUNK = 500;

export async function applyImport(
  db: Db,
  parsed: ParsedImport,
  opts: { dryRun?: boolean } = {},
): Promise<ImportOutcome> {
  return db.transaction(async (tx) => {
    const charts = parsed.records.map((r) => (typeof r.input.chartNumber === "string" ? r.input.chartNumber : ""));
    const plan = planImport(parsed, await findExistingPatients(tx, charts));
    if (opts.dryRun || plan.problems.length > 0) return { plan, written: false };

    // The source is all the audit trail needs: the patient row itself says what was imported.
    const details = { source: parsed.source };
    for (let i = 0; i < plan.adds.length; i += INSERT_CHUNK) {
      const added = await insertImportedPatients(
        tx,
        plan.adds.slice(i, i + INSERT_CHUNK).map((a) => a.record),
      );
      for (const id of added) {
        await recordAuditEvent(tx, { event: "patient.imported", actorType: "system", patientId: id, details });
      }
    }
    const by = { importSource: parsed.source };
    const now = new Date();
    for (const u of plan.updates) {
      const { email, portalAccessEnabled, ...rest } = u.changes;
      // Same optimistic check as a staff save: a patient edited since the plan was read is not overwritten.
      const updated = await updateImportedPatient(tx, { id: u.id, version: u.version, changes: rest });
      if (!updated) {
        throw new Error(
          `row ${u.row}: chart number ${u.chartNumber} was changed by someone else during the import; run it again`,
        );
      }
      await recordAuditEvent(tx, { event: "patient.import_updated", actorType: "system", patientId: u.id, details });
      if ("email" in u.changes) await changePatientEmail(tx, { patientId: u.id, email: email ?? null, by, now });
      if (portalAccessEnabled !== undefined)
        await setPortalAccess(tx, { patientId: u.id, enabled: portalAccessEnabled, by, now });
    }
    return { plan, written: true };
  });
}
