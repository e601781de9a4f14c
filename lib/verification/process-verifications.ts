// The worker's side of verification: match each recorded request against the chart, issue the link and write
// the email in one transaction, record the outcome for staff, and wipe what was typed.
import type { Db, Tx } from "@/db/client";
import {
  claimNextVerification,
  countRecentNoMatches,
  findVerificationCandidates,
  recordVerificationOutcome,
} from "@/db/queries/verification-attempts";
import { countFactorsByKind } from "@/db/queries/second-factors";
import { unseal } from "@/lib/crypto/seal";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueEmail, holdEmail, recipientHasRoom } from "@/lib/email/enqueue-email";
import { practiceEmailLocale } from "@/lib/email/practice-email-locale";
import type { EmailMessage } from "@/lib/email/render-email";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { issueAccountLink } from "@/lib/tokens/issue-account-link";
import { canAccessPortal } from "@/lib/patients/portal-status";
import { emailChangedRecently } from "@/lib/patients/email-changed-recently";
import { matchPatient, type MatchResult } from "./match-patient";
import { decideReply, type Reply } from "./decide-reply";
import { holdLinkRequest } from "./hold-link-request";
import type { SealedRequest, VerificationFlow } from "./request-verification";

/** Failed attempts naming one patient in a day before staff are alerted (docs/security.md V6). */
export const PATIENT_ALERT_THRESHOLD = 10;

type Pending = { id: string; flow: VerificationFlow; sealed_input: string };
export async function processVerifications(
  db: Db,
  opts: { now?: () => Date; batchSize?: number } = {},
): Promise<number> {
  const now = opts.now ?? (() => new Date());
  let done = 0;
  for (let i = 0; i < (opts.batchSize ?? 20); i++) {
    const handled = await db.transaction(async (tx) => {
      const attempt = (await claimNextVerification(tx)) as Pending | null;
      if (!attempt) return false;
      await handle(tx, attempt, now());
      return true;
    });
    if (!handled) break;
    done++;
  }
  return done;
}

async function handle(tx: Tx, attempt: Pending, at: Date) {
  const { locale: formLocale, ...typed } = unseal<SealedRequest>(attempt.sealed_input);
  // The reply is written in the language of the form (requests sealed before there was one: English).
  const locale = isLocale(formLocale) ? formLocale : DEFAULT_LOCALE;
  const candidates = await findVerificationCandidates(tx, typed.email.trim().toLowerCase());
  const result = matchPatient(
    candidates.map((c) => ({
      id: c.id,
      email: c.email,
      lastName: c.last_name,
      dateOfBirth: c.date_of_birth,
      zip: c.zip,
    })),
    typed,
  );
  const matched = result.outcome === "matched" ? candidates.find((c) => c.id === result.patientId)! : null;
  const canAccess = matched
    ? canAccessPortal({
        portalAccessEnabled: matched.portal_access_enabled,
        email: matched.email,
        zip: matched.zip,
        chartStatus: matched.chart_status,
      })
    : false;
  // Only a matched account asking for recovery costs this read; the worker's time reaches no one (V2).
  const factors =
    matched?.username && attempt.flow === "second_step_recovery"
      ? await countFactorsByKind(tx, { kind: "patient", id: matched.id })
      : null;
  const reply = decideReply(
    attempt.flow,
    matched
      ? {
          canAccessPortal: canAccess,
          hasAccount: !!matched.username,
          hasAppOrPasskey: !!factors && factors.totp + factors.passkey > 0,
        }
      : null,
  );

  // Links go to the address on file; "could not verify" goes to the address typed (it holds nothing).
  const to = matched?.email ?? typed.email;
  const patientId = matched?.id ?? null;
  const issuesLink = [
    "setup_link",
    "no_account_yet",
    "reset_link",
    "already_registered",
    "second_step_recovery_link",
  ].includes(reply.send);
  if (issuesLink && emailChangedRecently({ emailChangedAt: matched!.email_changed_at, now: at })) {
    await holdLinkRequest(tx, {
      patientId: patientId!,
      flow: attempt.flow,
      email: matched!.email!,
      emailBeforeChange: matched!.email_before_change,
      locale: practiceEmailLocale({ preferredLanguage: matched!.preferred_language }),
      now: at,
    });
    await finish(tx, attempt, result, candidates.length, reply.send, canAccess, at);
    return;
  }
  if (issuesLink && !(await recipientHasRoom(tx, to, at))) {
    // Over the cap: nothing is issued, so the links the patient already has keep working.
    await holdEmail(tx, { to, template: reply.send, patientId, now: at });
    await finish(tx, attempt, result, candidates.length, reply.send, canAccess, at);
    return;
  }
  let message: EmailMessage;
  switch (reply.send) {
    case "setup_link":
    case "no_account_yet": {
      const link = await issueAccountLink(tx, {
        patientId: patientId!,
        purpose: "setup",
        via: "self_service",
        locale,
        now: at,
      });
      message =
        reply.send === "setup_link"
          ? { template: "setup_link", link: link.url, validFor: link.validFor, via: "self_service" }
          : { template: "no_account_yet", setupLink: link.url, validFor: link.validFor };
      break;
    }
    case "reset_link":
    case "already_registered": {
      const link = await issueAccountLink(tx, {
        patientId: patientId!,
        purpose: "reset",
        via: "self_service",
        locale,
        now: at,
      });
      message =
        reply.send === "reset_link"
          ? { template: "reset_link", link: link.url, validFor: link.validFor, via: "self_service" }
          : {
              template: "already_registered",
              username: matched!.username!,
              resetLink: link.url,
              validFor: link.validFor,
            };
      break;
    }
    case "second_step_recovery_link": {
      const link = await issueAccountLink(tx, {
        patientId: patientId!,
        purpose: "second_step_recovery",
        via: "self_service",
        locale,
        now: at,
      });
      message = { template: "second_step_recovery_link", link: link.url, validFor: link.validFor };
      break;
    }
    case "no_second_step_to_remove":
      message = { template: "no_second_step_to_remove" };
      break;
    case "username_reminder":
      message = { template: "username_reminder", username: matched!.username! };
      break;
    case "access_off":
      // An answer to the patient's own request, like every other reply here: in the language of their form.
      message = { template: "access_off" };
      break;
    case "could_not_verify":
      message = { template: "could_not_verify" };
      break;
  }
  await enqueueEmail(tx, { to, message: { locale, ...message }, patientId, now: at });
  await finish(tx, attempt, result, candidates.length, reply.send, canAccess, at);
}

/** Records the outcome for staff and rate limits, wipes what was typed, and alerts on repeated failures. */
async function finish(
  tx: Tx,
  attempt: Pending,
  result: MatchResult,
  candidates: number,
  reply: Reply["send"],
  canAccess: boolean,
  at: Date,
) {
  const patientId = result.outcome === "matched" ? result.patientId : null;
  const outcome = result.outcome === "matched" ? (canAccess ? "matched" : "access_off") : result.outcome;
  const emailPatientId = result.outcome === "no_match" ? result.emailPatientId : null;
  const mismatched = result.outcome === "no_match" ? result.mismatchedFields : [];
  await recordVerificationOutcome(tx, {
    id: attempt.id,
    at,
    outcome,
    matchedPatientId: patientId,
    emailPatientId,
    mismatchedFields: mismatched,
  });
  const subject = patientId ?? emailPatientId;
  await recordAuditEvent(tx, {
    event: "verification.processed",
    actorType: "anonymous",
    patientId: subject,
    details: { flow: attempt.flow, outcome, reply, mismatched, candidates },
  });
  if (result.outcome !== "matched" && subject) await alertOnRepeatedFailures(tx, subject, at);
}

async function alertOnRepeatedFailures(tx: Tx, patientId: string, at: Date) {
  const n = await countRecentNoMatches(tx, { patientId, at });
  if (n === PATIENT_ALERT_THRESHOLD) {
    await recordAuditEvent(tx, {
      event: "alert.repeated_verification_failures",
      actorType: "system",
      patientId,
      details: { failuresToday: n },
    });
  }
}
