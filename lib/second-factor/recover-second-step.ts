// Completes a second-step recovery link (issue 12, M9): the emailed link proves the address on file, the account's
// password proves the rest, and only then are the authenticator apps and passkeys removed (the emailed code stays,
// as it reaches the same inbox the link did). A wrong password counts toward the same wait and lock as a wrong
// sign-in, keeps every factor and keeps the link. The link is spent in the transaction that removes the factors,
// so of simultaneous submissions exactly one wins (docs/security.md T3).
import type { Db, Tx } from "@/db/client";
import { lockPatientAccess } from "@/db/queries/patient-changes";
import { findAccountForPasswordChange } from "@/db/queries/portal-accounts";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { countPatientFailure } from "@/lib/auth/count-patient-failure";
import { verifyPassword } from "@/lib/auth/password-hash";
import { canAccessPortal } from "@/lib/patients/portal-status";
import { consumeToken } from "@/lib/tokens/consume-token";
import { inspectAccountLink, type LinkState } from "@/lib/tokens/inspect-account-link";
import type { Locale } from "@/lib/i18n/locales";
import { removeSecondFactors } from "./remove-second-factors";

export type RecoverSecondStepResult =
  | { ok: true; username: string }
  | { ok: false; reason: "link"; state: Exclude<LinkState, "valid"> }
  | { ok: false; reason: "password" }
  | { ok: false; reason: "access_off" };

const PURPOSE = "second_step_recovery";

export async function recoverSecondStep(
  db: Db,
  /** `locale`: the page's language, which the removal notice is written in. */
  opts: { token: string; password: string; locale?: Locale; now: Date },
): Promise<RecoverSecondStepResult> {
  const link = await inspectAccountLink(db, opts.token, opts.now);
  if (link.state !== "valid" || link.purpose !== PURPOSE) {
    return refuseLink(db, link.state === "valid" ? "unknown" : link.state);
  }
  const account = await findAccountForPasswordChange(db, link.patientId);
  // The link was sent to an account's owner; no account (deleted since) reads as a link that no longer works.
  if (!account) return refuseLink(db, "unknown");
  // As at sign-in: while the account waits or is locked no password is checked, and the answer is the same.
  const locked = !!account.lockedUntil && account.lockedUntil > opts.now;
  if (locked || !(await verifyPassword(account.hash, opts.password))) {
    await db.transaction(async (tx) => {
      if (!locked)
        await countPatientFailure(tx, { accountId: account.accountId, patientId: link.patientId, now: opts.now });
      await recordAuditEvent(tx, {
        event: "second_factor.recovery_refused",
        actorType: "anonymous",
        patientId: link.patientId,
        details: { reason: locked ? "locked" : "wrong_password" },
      });
    });
    return { ok: false, reason: "password" };
  }

  try {
    return await db.transaction(async (tx) => spend(tx, opts, account.username));
  } catch (e) {
    // Access switched off: the transaction rolls back, so the link stays unspent for when it is on again.
    if (e instanceof AccessOff) return { ok: false, reason: "access_off" };
    throw e;
  }
}

class AccessOff extends Error {}

async function spend(
  tx: Tx,
  opts: { token: string; locale?: Locale; now: Date },
  username: string,
): Promise<RecoverSecondStepResult> {
  const used = await consumeToken(tx, { token: opts.token, purpose: PURPOSE, now: opts.now });
  if (!used?.patientId) return refuseLink(tx, "used");
  const patient = await lockPatientAccess(tx, used.patientId);
  if (!canAccessPortal(patient)) throw new AccessOff();
  await recordAuditEvent(tx, {
    event: "token.used",
    actorType: "patient",
    patientId: used.patientId,
    details: { purpose: PURPOSE },
  });
  // Audits, ends every session, forgets trusted devices and emails the notice (M8, M9). Nothing left to remove
  // (taken away meanwhile) is still a success: the patient can sign in without an app or passkey.
  await removeSecondFactors(tx, {
    owner: { kind: "patient", id: used.patientId },
    kinds: ["totp", "passkey"],
    removedBy: { by: "recovery" },
    locale: opts.locale,
    now: opts.now,
  });
  return { ok: true, username };
}

async function refuseLink(db: Pick<Db, "insert">, state: Exclude<LinkState, "valid">) {
  await recordAuditEvent(db as Db, {
    event: "token.rejected",
    actorType: "anonymous",
    details: { purpose: PURPOSE, state },
  });
  return { ok: false as const, reason: "link" as const, state };
}
