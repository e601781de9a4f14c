// Completes a setup or reset link: checks the new password, then uses the link and sets the password in one
// transaction. The link is consumed by a conditional UPDATE, so of many simultaneous submissions exactly one
// wins (docs/security.md T3). Every other link dies, other sessions end, and the patient is told by email.
import type { Db } from "@/db/client";
import { lockPatientAccess } from "@/db/queries/patient-changes";
import { accountExistsFor, insertPortalAccount, writePatientPasswordIfVersion } from "@/db/queries/portal-accounts";
import { getConfig } from "@/lib/config";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password-hash";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { checkNewPassword } from "@/lib/passwords/check-new-password";
import { patientPasswordMinimum } from "@/lib/passwords/patient-password-minimum";
import { consumeToken } from "@/lib/tokens/consume-token";
import { inspectAccountLink, type LinkState } from "@/lib/tokens/inspect-account-link";
import { revokeAccountLinks } from "@/lib/tokens/issue-account-link";
import { canAccessPortal } from "@/lib/patients/portal-status";
import { emailDateTime } from "@/lib/email/email-words";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { refuseTakenUsername } from "./refuse-taken-username";
import { endPatientSessions } from "./end-patient-sessions";

export type SetPasswordResult =
  | { ok: true; username: string }
  | { ok: false; reason: "link"; state: Exclude<LinkState, "valid"> }
  | { ok: false; reason: "access_off" }
  | { ok: false; reason: "username_taken" }
  | { ok: false; reason: "password"; message: string };

export async function setPasswordWithLink(
  db: Db,
  /** `locale`: the page's language: password refusals and the notice are written in it. */
  opts: { token: string; purpose: "setup" | "reset"; username?: string; password: string; locale?: Locale; now: Date },
): Promise<SetPasswordResult> {
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const link = await inspectAccountLink(db, opts.token, opts.now);
  if (link.state !== "valid" || link.purpose !== opts.purpose) {
    const state = link.state === "valid" ? "unknown" : link.state;
    await recordAuditEvent(db, {
      event: "token.rejected",
      actorType: "anonymous",
      details: { purpose: opts.purpose, state },
    });
    return { ok: false, reason: "link", state };
  }
  const username = opts.purpose === "setup" ? opts.username! : link.username!;
  // Before any hashing: a taken username costs the caller a try, never us a hash (issue 11 point 2).
  if (
    opts.purpose === "setup" &&
    (await refuseTakenUsername(db, { linkId: link.linkId, patientId: link.patientId, username, now: opts.now }))
  ) {
    return { ok: false, reason: "username_taken" };
  }

  const check = checkNewPassword({
    password: opts.password,
    minLength: await patientPasswordMinimum(db, link.patientId),
    context: { username, lastName: link.lastName, email: link.email, practiceName: getConfig().PRACTICE_NAME },
    locale: opts.locale,
  });
  if (!check.ok) return { ok: false, reason: "password", message: check.message };
  const passwordHash = await hashPassword(check.normalized);

  try {
    return await db.transaction(async (tx) => {
      const used = await consumeToken(tx, { token: opts.token, purpose: opts.purpose, now: opts.now });
      if (!used?.patientId) throw new Abort({ ok: false, reason: "link", state: "used" });

      const patient = await lockPatientAccess(tx, used.patientId);
      if (!canAccessPortal(patient)) throw new Abort({ ok: false, reason: "access_off" });

      if (opts.purpose === "setup") {
        if (await accountExistsFor(tx, { username, patientId: used.patientId }))
          throw new Abort({ ok: false, reason: "username_taken" });
        await insertPortalAccount(tx, { patientId: used.patientId, username, passwordHash, now: opts.now });
      } else {
        // The link is bound to the password it was sent for: a later change makes it stale.
        const updated = await writePatientPasswordIfVersion(tx, {
          patientId: used.patientId,
          credentialVersion: used.credentialVersion,
          passwordHash,
          now: opts.now,
        });
        if (!updated) throw new Abort({ ok: false, reason: "link", state: "replaced" });
        await endPatientSessions(tx, { patientId: used.patientId });
      }
      await revokeAccountLinks(tx, { patientId: used.patientId, reason: "password_set", now: opts.now });
      await recordAuditEvent(tx, {
        event: "token.used",
        actorType: "patient",
        patientId: used.patientId,
        details: { purpose: opts.purpose },
      });
      await recordAuditEvent(tx, {
        event: opts.purpose === "setup" ? "account.created" : "account.password_reset",
        actorType: "patient",
        patientId: used.patientId,
      });
      await enqueueEmail(tx, {
        to: patient.email!,
        // A first password gets its own wording: "your password was changed" would alarm a new patient.
        message:
          opts.purpose === "setup"
            ? { template: "account_created", createdAt: emailDateTime(opts.now, locale), locale }
            : { template: "password_changed", changedAt: emailDateTime(opts.now, locale), locale },
        patientId: used.patientId,
        now: opts.now,
        // A security notice must not be swallowed by the flood cap.
        bypassCap: true,
      });
      return { ok: true as const, username };
    });
  } catch (e) {
    if (e instanceof Abort) {
      const r = e.result;
      if (!r.ok && r.reason === "link") {
        await recordAuditEvent(db, {
          event: "token.rejected",
          actorType: "anonymous",
          details: { purpose: opts.purpose, state: r.state },
        });
      }
      return e.result;
    }
    // Two setups choosing the same username at once: the unique index decides.
    if (isUniqueViolation(e)) return { ok: false, reason: "username_taken" };
    throw e;
  }
}

class Abort extends Error {
  constructor(readonly result: SetPasswordResult) {
    super("aborted");
  }
}

function isUniqueViolation(e: unknown): boolean {
  const code =
    (e as { code?: string; cause?: { code?: string } })?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
  return code === "23505";
}
