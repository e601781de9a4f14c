// Staff save a patient's Basic Data. The save names the version it was read at, so two people editing the
// same record cannot silently overwrite each other. A changed email voids links, ends the patient's
// sessions and tells the OLD address (docs/security.md A3).
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { patients, portalAccounts } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { revokeAccountLinks } from "@/lib/tokens/issue-account-link";
import { isBlank } from "./portal-status";
import type { BasicData } from "@/lib/validation/patient-record";

export type UpdateBasicDataResult =
  | { ok: true; version: number; emailChanged: boolean }
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
] as const;

export async function updateBasicData(
  db: Db,
  opts: { patientId: string; expectedVersion: number; data: BasicData; staffId: string; now: Date },
): Promise<UpdateBasicDataResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(patients).where(eq(patients.id, opts.patientId)).for("update");
    if (!row) return { ok: false as const, reason: "not_found" as const };
    if (row.version !== opts.expectedVersion) {
      const current = Object.fromEntries(FIELDS.map((f) => [f, row[f]])) as BasicData;
      return { ok: false as const, reason: "stale" as const, current, version: row.version };
    }
    const changed = FIELDS.filter((f) => (row[f] ?? null) !== (opts.data[f] ?? null));
    if (changed.length === 0) return { ok: true as const, version: row.version, emailChanged: false };

    const oldEmail = row.email?.trim().toLowerCase() || null;
    const emailChanged = oldEmail !== (opts.data.email ?? null);
    const [saved] = await tx
      .update(patients)
      .set({
        ...opts.data,
        version: row.version + 1,
        updatedAt: opts.now,
        ...(emailChanged ? { emailChangedAt: opts.now } : {}),
      })
      .where(eq(patients.id, opts.patientId))
      .returning({ version: patients.version });
    // Field names only: the audit trail never holds the values themselves.
    await recordAuditEvent(tx, {
      event: "patient.basic_data_changed",
      actorType: "staff",
      actorStaffId: opts.staffId,
      patientId: opts.patientId,
      details: { fields: [...changed] },
    });

    if (emailChanged) {
      await revokeAccountLinks(tx, { patientId: opts.patientId, reason: "email_changed", now: opts.now });
      await tx
        .update(portalAccounts)
        .set({ sessionVersion: sql`${portalAccounts.sessionVersion} + 1` })
        .where(eq(portalAccounts.patientId, opts.patientId));
      await recordAuditEvent(tx, {
        event: "patient.email_changed",
        actorType: "staff",
        actorStaffId: opts.staffId,
        patientId: opts.patientId,
      });
      if (!isBlank(oldEmail)) {
        await enqueueEmail(tx, {
          to: oldEmail!,
          message: { template: "email_changed_notice" },
          patientId: opts.patientId,
          now: opts.now,
          bypassCap: true,
        });
      }
    }
    return { ok: true as const, version: saved.version, emailChanged };
  });
}
