// "Send invitation/reset email": bypasses verification and emails the address on file a setup link (no
// account yet) or a reset link (has one). Within 24 hours of an email change the staff member must confirm
// they checked the change with the patient, because that is how a caller takes over someone's account.
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { patients, portalAccounts } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueEmail, holdEmail, recipientHasRoom } from "@/lib/email/enqueue-email";
import { issueAccountLink, type LinkIssuer } from "@/lib/tokens/issue-account-link";
import { inactiveReasons, type InactiveReason } from "./portal-status";

export const EMAIL_CHANGE_CONFIRM_HOURS = 24;

export type InvitationResult =
  | { ok: true; kind: "setup" | "reset"; queued: boolean }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "cannot_access"; reasons: InactiveReason[] }
  | { ok: false; reason: "confirm_email_change"; changedAt: Date };

export async function sendPortalInvitation(
  tx: Tx,
  opts: { patientId: string; staffId: string | null; via: LinkIssuer; emailChangeConfirmed?: boolean; now: Date; bulkInvitationId?: string },
): Promise<InvitationResult> {
  const [p] = await tx
    .select({
      email: patients.email,
      zip: patients.zip,
      portalAccessEnabled: patients.portalAccessEnabled,
      chartStatus: patients.chartStatus,
      emailChangedAt: patients.emailChangedAt,
      accountId: portalAccounts.id,
    })
    .from(patients)
    .leftJoin(portalAccounts, eq(portalAccounts.patientId, patients.id))
    .where(eq(patients.id, opts.patientId));
  if (!p) return { ok: false, reason: "not_found" };
  const reasons = inactiveReasons(p);
  if (reasons.length) return { ok: false, reason: "cannot_access", reasons };
  const recentChange = p.emailChangedAt && opts.now.getTime() - p.emailChangedAt.getTime() < EMAIL_CHANGE_CONFIRM_HOURS * 3_600_000;
  if (recentChange && !opts.emailChangeConfirmed) return { ok: false, reason: "confirm_email_change", changedAt: p.emailChangedAt! };

  const kind = p.accountId ? "reset" : "setup";
  if (!(await recipientHasRoom(tx, p.email!, opts.now))) {
    // Over the cap: no new link, so the ones the patient already has keep working.
    await holdEmail(tx, { to: p.email!, template: kind === "setup" ? "setup_link" : "reset_link", patientId: opts.patientId, now: opts.now, bulkInvitationId: opts.bulkInvitationId });
    return { ok: true, kind, queued: false };
  }
  const link = await issueAccountLink(tx, { patientId: opts.patientId, purpose: kind, via: opts.via, issuedByStaffId: opts.staffId, now: opts.now });
  const queued = await enqueueEmail(tx, {
    to: p.email!,
    message: kind === "setup" ? { template: "setup_link", link: link.url, validFor: link.validFor, via: "staff" } : { template: "reset_link", link: link.url, validFor: link.validFor, via: "staff" },
    patientId: opts.patientId,
    now: opts.now,
    bulkInvitationId: opts.bulkInvitationId,
  });
  await recordAuditEvent(tx, {
    event: kind === "setup" ? "staff.invitation_sent" : "staff.reset_sent",
    actorType: opts.staffId ? "staff" : "system",
    actorStaffId: opts.staffId,
    patientId: opts.patientId,
    details: { via: opts.via, ...(recentChange ? { emailChangeConfirmed: true } : {}) },
  });
  if (recentChange) {
    await recordAuditEvent(tx, { event: "alert.link_sent_after_email_change", actorType: "staff", actorStaffId: opts.staffId, patientId: opts.patientId });
  }
  return { ok: true, kind, queued: queued.queued };
}
