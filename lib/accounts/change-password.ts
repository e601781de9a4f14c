// A signed-in patient changes their password: the current one is required (docs/security.md P7). Every session,
// this one included, ends; every link dies; the address on file is told.
import type { Db } from "@/db/client";
import { findAccountForPasswordChange, writePatientPassword } from "@/db/queries/portal-accounts";
import { getConfig } from "@/lib/config";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword, verifyPassword } from "@/lib/auth/password-hash";
import { countPatientFailure } from "@/lib/auth/count-patient-failure";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { checkNewPassword } from "@/lib/passwords/check-new-password";
import { patientPasswordMinimum } from "@/lib/passwords/patient-password-minimum";
import { emailDateTime } from "@/lib/email/email-words";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { revokeAccountLinks } from "@/lib/tokens/issue-account-link";
import { endPatientSessions } from "./end-patient-sessions";

export type ChangePasswordResult = { ok: true } | { ok: false; field: "current" | "password"; message: string };

export async function changePassword(
  db: Db,
  /** `locale`: the page's language: password refusals and the notice are written in it. */
  opts: { patientId: string; current: string; password: string; locale?: Locale; now: Date },
): Promise<ChangePasswordResult> {
  const row = await findAccountForPasswordChange(db, opts.patientId);
  // A stolen session must not become a way round the sign-in lock: wrong current passwords count the same,
  // and while the account waits or is locked no password is checked here either.
  const locked = !!row?.lockedUntil && row.lockedUntil > opts.now;
  if (!row || locked || !(await verifyPassword(row.hash, opts.current))) {
    if (row) {
      await db.transaction(async (tx) => {
        if (!locked)
          await countPatientFailure(tx, { accountId: row.accountId, patientId: opts.patientId, now: opts.now });
        await recordAuditEvent(tx, {
          event: "account.password_change_refused",
          actorType: "patient",
          patientId: opts.patientId,
          details: { reason: locked ? "locked" : "wrong_current" },
        });
      });
    }
    return { ok: false, field: "current", message: "Your current password is not right." };
  }
  const check = checkNewPassword({
    password: opts.password,
    minLength: await patientPasswordMinimum(db, opts.patientId),
    context: {
      username: row.username,
      lastName: row.lastName,
      email: row.email,
      practiceName: getConfig().PRACTICE_NAME,
    },
    locale: opts.locale,
  });
  if (!check.ok) return { ok: false, field: "password", message: check.message };
  const passwordHash = await hashPassword(check.normalized);
  await db.transaction(async (tx) => {
    // Knowing the current password ends a run of failures, as a successful sign-in does.
    await writePatientPassword(tx, { patientId: opts.patientId, passwordHash, now: opts.now });
    await endPatientSessions(tx, { patientId: opts.patientId });
    await revokeAccountLinks(tx, { patientId: opts.patientId, reason: "password_changed", now: opts.now });
    await recordAuditEvent(tx, { event: "account.password_changed", actorType: "patient", patientId: opts.patientId });
    if (row.email) {
      await enqueueEmail(tx, {
        to: row.email,
        message: {
          template: "password_changed",
          changedAt: emailDateTime(opts.now, opts.locale ?? DEFAULT_LOCALE),
          locale: opts.locale ?? DEFAULT_LOCALE,
        },
        patientId: opts.patientId,
        now: opts.now,
        bypassCap: true,
      });
    }
  });
  return { ok: true };
}
