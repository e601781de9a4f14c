// Staff save a patient's Basic Data. The save names the version it was read at, so two people editing the
// same record cannot silently overwrite each other. A changed email goes through changePatientEmail, as an
// import's does (docs/security.md A3).
import type { Db } from "@/db/client";
import { lockPatientRow, writeBasicData } from "@/db/queries/patient-changes";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { BasicData } from "@/lib/validation/patient-record";
import { changePatientEmail } from "./change-patient-email";

export type UpdateBasicDataResult =
  | { ok: true; version: number; emailChanged: boolean; noticeHeld?: boolean }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "stale"; current: BasicData; version: number };

const FIELDS = [
  "firstName",
  "lastName",
  "dateOfBirth",
  "email",
  "zip",
  "phone",
  "addressLine1",
  "addressLine2",
  "city",
  "state",
  "preferredLanguage",
] as const;

export async function updateBasicData(
  db: Db,
  opts: { patientId: string; expectedVersion: number; data: BasicData; staffId: string; now: Date },
): Promise<UpdateBasicDataResult> {
  return db.transaction(async (tx) => {
    const row = await lockPatientRow(tx, opts.patientId);
    if (!row) return { ok: false as const, reason: "not_found" as const };
    if (row.version !== opts.expectedVersion) {
      const current = Object.fromEntries(FIELDS.map((f) => [f, row[f]])) as BasicData;
      return { ok: false as const, reason: "stale" as const, current, version: row.version };
    }
    // A field left out (undefined, only ever the Preferred language) is kept as it is.
    const changed = FIELDS.filter((f) => opts.data[f] !== undefined && (row[f] ?? null) !== (opts.data[f] ?? null));
    if (changed.length === 0) return { ok: true as const, version: row.version, emailChanged: false };

    const { email, ...rest } = opts.data;
    const version = await writeBasicData(tx, {
      patientId: opts.patientId,
      values: rest,
      version: row.version + 1,
      now: opts.now,
    });
    // Field names only: the audit trail never holds the values themselves.
    await recordAuditEvent(tx, {
      event: "patient.basic_data_changed",
      actorType: "staff",
      actorStaffId: opts.staffId,
      patientId: opts.patientId,
      details: { fields: [...changed] },
    });
    const change = await changePatientEmail(tx, {
      patientId: opts.patientId,
      email: email ?? null,
      by: { staffId: opts.staffId },
      now: opts.now,
    });
    return { ok: true as const, version, emailChanged: change.changed, noticeHeld: change.noticeHeld };
  });
}
