// Emails patients a setup link (no account yet) or a reset link (has one), bypassing verification, in a few
// statements whatever the count: the single "Send invitation/reset email" button, bulk runs and reminders all
// come through here, so they follow one set of rules. Within EMAIL_CHANGE_CONFIRM_HOURS (24) of an email change staff must confirm
// they checked the change with the patient, because that is how a caller takes over someone's account.
import type { Tx } from "@/db/client";
import { findInvitees } from "@/db/queries/bulk-invitations";
import { recordAuditEvents, type AuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueEmails, holdEmails, recipientAllowance } from "@/lib/email/enqueue-email";
import { practiceEmailLocale } from "@/lib/email/practice-email-locale";
import type { Locale } from "@/lib/i18n/locales";
import { issueAccountLinks, type LinkIssuer } from "@/lib/tokens/issue-account-link";
import { inactiveReasons, type InactiveReason } from "./portal-status";
import { emailChangedRecently } from "./email-changed-recently";

export type InvitationResult =
  | { ok: true; kind: "setup" | "reset"; queued: boolean }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "cannot_access"; reasons: InactiveReason[] }
  | { ok: false; reason: "confirm_email_change"; changedAt: Date };

type Eligible = { patientId: string; email: string; kind: "setup" | "reset"; recentChange: boolean; locale: Locale };

/** One result per patient id, in the order given (ids must be distinct). */
export async function invitePatients(
  tx: Tx,
  opts: {
    patientIds: readonly string[];
    staffId: string | null;
    via: LinkIssuer;
    emailChangeConfirmed?: boolean;
    now: Date;
    bulkInvitationId?: string;
  },
): Promise<InvitationResult[]> {
  if (!opts.patientIds.length) return [];
  const rows = await findInvitees(tx, opts.patientIds);
  const byId = new Map(rows.map((r) => [r.id, r]));

  // Anything that changed since staff looked (access switched off, an email just changed) is refused, not forced.
  const results: InvitationResult[] = [];
  const eligible: (Eligible & { index: number })[] = [];
  for (const [index, patientId] of opts.patientIds.entries()) {
    const p = byId.get(patientId);
    if (!p) {
      results.push({ ok: false, reason: "not_found" });
      continue;
    }
    const reasons = inactiveReasons(p);
    if (reasons.length) {
      results.push({ ok: false, reason: "cannot_access", reasons });
      continue;
    }
    const recentChange = emailChangedRecently({ emailChangedAt: p.emailChangedAt, now: opts.now });
    if (recentChange && !opts.emailChangeConfirmed) {
      results.push({ ok: false, reason: "confirm_email_change", changedAt: p.emailChangedAt! });
      continue;
    }
    const kind = p.accountId ? "reset" : "setup";
    results.push({ ok: true, kind, queued: false });
    eligible.push({ index, patientId, email: p.email!, kind, recentChange, locale: practiceEmailLocale(p) });
  }

  // The cap counts this batch too: a family sharing one address is not sent more than the cap allows.
  const allowance = await recipientAllowance(
    tx,
    eligible.map((e) => e.email),
    opts.now,
  );
  const sending = eligible.filter((e) => allowance.take(e.email));
  const sendingIds = new Set(sending.map((e) => e.patientId));
  // Over the cap: no new link, so the ones the patient already has keep working.
  await holdEmails(
    tx,
    eligible
      .filter((e) => !sendingIds.has(e.patientId))
      .map((e) => ({
        to: e.email,
        template: e.kind === "setup" ? "setup_link" : "reset_link",
        patientId: e.patientId,
        now: opts.now,
        bulkInvitationId: opts.bulkInvitationId,
      })),
  );

  const links = await issueAccountLinks(
    tx,
    sending.map((e) => ({
      patientId: e.patientId,
      purpose: e.kind,
      via: opts.via,
      issuedByStaffId: opts.staffId,
      locale: e.locale,
      now: opts.now,
    })),
  );
  const queued = await enqueueEmails(
    tx,
    sending.map((e, i) => ({
      to: e.email,
      message: {
        template: e.kind === "setup" ? "setup_link" : "reset_link",
        link: links[i].url,
        validFor: links[i].validFor,
        via: "staff",
        locale: e.locale,
      },
      patientId: e.patientId,
      now: opts.now,
      bulkInvitationId: opts.bulkInvitationId,
    })),
    { capChecked: true },
  );
  const audit: AuditEvent[] = [];
  for (const [i, e] of sending.entries()) {
    results[e.index] = { ok: true, kind: e.kind, queued: queued[i].queued };
    audit.push({
      event: e.kind === "setup" ? "staff.invitation_sent" : "staff.reset_sent",
      actorType: opts.staffId ? "staff" : "system",
      actorStaffId: opts.staffId,
      patientId: e.patientId,
      details: { via: opts.via, ...(e.recentChange ? { emailChangeConfirmed: true } : {}) },
    });
    if (e.recentChange)
      audit.push({
        event: "alert.link_sent_after_email_change",
        actorType: "staff",
        actorStaffId: opts.staffId,
        patientId: e.patientId,
      });
  }
  await recordAuditEvents(tx, audit);
  return results;
}
