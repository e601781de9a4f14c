// Staff add a patient by hand. A likely duplicate (same last name, as verification compares it, and the
// same date of birth) is pointed out before saving, because duplicate charts make verification ambiguous.
import type { Db } from "@/db/client";
import { chartNumberTaken, insertPatientRow, patientsBornOn } from "@/db/queries/patient-changes";
import { DatabaseError } from "@/db/safe-errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { normalizeLastName } from "@/lib/verification/normalize";
import type { PatientRecord } from "@/lib/validation/patient-record";

export type AddPatientResult =
  | { ok: true; id: string }
  | { ok: false; reason: "chart_number_taken" }
  | { ok: false; reason: "possible_duplicate"; matches: { id: string; name: string; chartNumber: string }[] };

export async function addPatient(
  db: Db,
  opts: { record: PatientRecord; staffId: string; allowDuplicate: boolean; now: Date },
): Promise<AddPatientResult> {
  try {
    return await insertPatient(db, opts);
  } catch (e) {
    // Two staff saving one chart number at once: both pass the check above, the unique index refuses the second.
    if (e instanceof DatabaseError && e.code === UNIQUE_VIOLATION && e.constraint === "patients_chart_number_key")
      return { ok: false, reason: "chart_number_taken" };
    throw e;
  }
}

const UNIQUE_VIOLATION = "23505";

async function insertPatient(
  db: Db,
  opts: { record: PatientRecord; staffId: string; allowDuplicate: boolean; now: Date },
): Promise<AddPatientResult> {
  return db.transaction(async (tx) => {
    if (await chartNumberTaken(tx, opts.record.chartNumber))
      return { ok: false as const, reason: "chart_number_taken" as const };
    if (!opts.allowDuplicate) {
      const sameBirthday = await patientsBornOn(tx, opts.record.dateOfBirth);
      const key = normalizeLastName(opts.record.lastName);
      const matches = sameBirthday.filter((p) => normalizeLastName(p.last) === key);
      if (matches.length) {
        return {
          ok: false as const,
          reason: "possible_duplicate" as const,
          matches: matches.map((m) => ({ id: m.id, name: `${m.first} ${m.last}`, chartNumber: m.chartNumber })),
        };
      }
    }
    const id = await insertPatientRow(tx, { ...opts.record, createdAt: opts.now, updatedAt: opts.now });
    await recordAuditEvent(tx, {
      event: "patient.created",
      actorType: "staff",
      actorStaffId: opts.staffId,
      patientId: id,
    });
    return { ok: true as const, id };
  });
}
