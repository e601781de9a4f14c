// Staff add a patient by hand. A likely duplicate (same last name, as verification compares it, and the
// same date of birth) is pointed out before saving, because duplicate charts make verification ambiguous.
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { patients } from "@/db/schema";
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
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(sql`upper(${patients.chartNumber}) = ${opts.record.chartNumber.toUpperCase()}`);
    if (taken) return { ok: false as const, reason: "chart_number_taken" as const };
    if (!opts.allowDuplicate) {
      const sameBirthday = await tx
        .select({
          id: patients.id,
          first: patients.firstName,
          last: patients.lastName,
          chartNumber: patients.chartNumber,
        })
        .from(patients)
        .where(eq(patients.dateOfBirth, opts.record.dateOfBirth));
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
    const [row] = await tx
      .insert(patients)
      .values({ ...opts.record, createdAt: opts.now, updatedAt: opts.now })
      .returning({ id: patients.id });
    await recordAuditEvent(tx, {
      event: "patient.created",
      actorType: "staff",
      actorStaffId: opts.staffId,
      patientId: row.id,
    });
    return { ok: true as const, id: row.id };
  });
}
