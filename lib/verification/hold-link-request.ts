// A setup or reset link asked for soon after the patient's email changed is not sent (docs/security.md A3):
// the request waits for staff on the patient dash, an alert goes into the audit trail, and the address on
// file before the change is told, since it may be the real patient's. The requester's page is the usual one.
import type { Tx } from "@/db/client";
import { insertHeldLinkRequest } from "@/db/queries/held-link-requests";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import type { Locale } from "@/lib/i18n/locales";
import type { VerificationFlow } from "./request-verification";

export async function holdLinkRequest(
  tx: Tx,
  opts: {
    patientId: string;
    flow: VerificationFlow;
    email: string;
    emailBeforeChange: string | null;
    /** The patient's Preferred language: the notice is the practice's, not an answer to the form. */
    locale: Locale;
    now: Date;
  },
): Promise<void> {
  await insertHeldLinkRequest(tx, { patientId: opts.patientId, flow: opts.flow, now: opts.now });
  await recordAuditEvent(tx, {
    event: "alert.link_held_after_email_change",
    actorType: "system",
    patientId: opts.patientId,
    details: { flow: opts.flow },
  });
  const before = opts.emailBeforeChange?.trim().toLowerCase();
  if (before && before !== opts.email.trim().toLowerCase()) {
    await enqueueEmail(tx, {
      to: before,
      message: { template: "link_held_notice", locale: opts.locale },
      patientId: opts.patientId,
      now: opts.now,
    });
  }
}
