// The one way a patient's email on file changes (staff Basic Data, import): older links die, every session
// ends, the audit trail says who changed it, and the OLD address is told, under the per-recipient cap like
// every email, so saving an address back and forth cannot flood it (docs/security.md A3, T5, V5).
import type { Tx } from "@/db/client";
import { lockPatientEmail, writePatientEmail } from "@/db/queries/patient-changes";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endPatientSessions } from "@/lib/accounts/end-patient-sessions";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { practiceEmailLocale } from "@/lib/email/practice-email-locale";
import { revokeAccountLinks } from "@/lib/tokens/issue-account-link";
import { auditActorOf, type ChangedBy } from "./changed-by";
import { emailChangedRecently } from "./email-changed-recently";

export type ChangePatientEmailResult = {
  /** A different address (not just different letter case or spacing): the rules above ran. */
  changed: boolean;
  /** The old address was over the cap, so its notice was held (staff see it on the dash). */
  noticeHeld: boolean;
};

const canonical = (email: string | null | undefined) => email?.trim().toLowerCase() || null;

export async function changePatientEmail(
  tx: Tx,
  opts: { patientId: string; email: string | null; by: ChangedBy; now: Date },
): Promise<ChangePatientEmailResult> {
  const row = await lockPatientEmail(tx, opts.patientId);
  const unchanged = { changed: false, noticeHeld: false };
  if (!row || (row.email ?? null) === (opts.email ?? null)) return unchanged;
  const oldEmail = canonical(row.email);
  if (oldEmail === canonical(opts.email)) {
    await writePatientEmail(tx, { patientId: opts.patientId, email: opts.email });
    return unchanged;
  }
  // Several changes in a row: the address to warn stays the one from before the first of them.
  const before = emailChangedRecently({ emailChangedAt: row.emailChangedAt, now: opts.now })
    ? row.emailBeforeChange
    : oldEmail;
  await writePatientEmail(tx, {
    patientId: opts.patientId,
    email: opts.email,
    changed: { at: opts.now, before },
  });
  await revokeAccountLinks(tx, { patientId: opts.patientId, reason: "email_changed", now: opts.now });
  await endPatientSessions(tx, { patientId: opts.patientId });
  await recordAuditEvent(tx, { event: "patient.email_changed", patientId: opts.patientId, ...auditActorOf(opts.by) });
  if (!oldEmail) return { changed: true, noticeHeld: false };
  const notice = await enqueueEmail(tx, {
    to: oldEmail,
    message: { template: "email_changed_notice", locale: practiceEmailLocale(row) },
    patientId: opts.patientId,
    now: opts.now,
  });
  return { changed: true, noticeHeld: !notice.queued };
}
