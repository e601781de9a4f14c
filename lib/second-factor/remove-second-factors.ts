// The one way a second factor leaves an account, whoever asks: its owner removing one, a patient's recovery link,
// a front-desk "Remove second step", an admin resetting a colleague's. Every path gets the same safeguards: trusted
// devices are forgotten (docs/security.md M8), the removal is audited without secrets, and the account's email
// is told (M9). When someone other than the owner removes factors, the owner's sessions end too, and a staff
// member's recovery codes go with their factors, so they set up a new second step at their next sign-in (M1).
import type { Tx } from "@/db/client";
import { getPatientContact } from "@/db/queries/patient-contact";
import { deleteRecoveryCodes } from "@/db/queries/recovery-codes";
import { deleteFactor, deleteFactors, type FactorKind, listFactors } from "@/db/queries/second-factors";
import { findStaffEmail } from "@/db/queries/staff";
import { bumpStaffSessionVersion } from "@/db/queries/staff-changes";
import { endPatientSessions } from "@/lib/accounts/end-patient-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { emailDateTime, removedStepsWords } from "@/lib/email/email-words";
import { practiceEmailLocale } from "@/lib/email/practice-email-locale";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { type AccountRef, auditSelf } from "./account-ref";
import { forgetTrustedDevices } from "./trusted-device";

export type RemovedBy = { by: "owner" } | { by: "recovery" } | { by: "staff"; staffId: string };

export type RemoveResult = { ok: true; removed: FactorKind[] } | { ok: false; reason: "last_staff_factor" | "none" };

export async function removeSecondFactors(
  tx: Tx,
  opts: {
    owner: AccountRef;
    /** One factor by id; otherwise every factor of `kinds` (every factor when no kinds are given). */
    factorId?: string;
    kinds?: FactorKind[];
    removedBy: RemovedBy;
    /** The language of the page the owner or the recovery used; a removal by staff uses the Preferred language. */
    locale?: Locale;
    now: Date;
  },
): Promise<RemoveResult> {
  const { owner, removedBy, now } = opts;
  const before = await listFactors(tx, owner);
  // Staff keep at least one factor of their own; only an admin's reset leaves them with none (M1).
  if (owner.kind === "staff" && removedBy.by === "owner" && before.length <= 1) {
    return { ok: false, reason: "last_staff_factor" };
  }
  const removed = opts.factorId
    ? [await deleteFactor(tx, { owner, factorId: opts.factorId })].filter((k): k is FactorKind => k !== null)
    : await deleteFactors(tx, { owner, kinds: opts.kinds });
  if (removed.length === 0) return { ok: false, reason: "none" };

  const byOther = removedBy.by !== "owner";
  if (owner.kind === "patient") {
    if (byOther) await endPatientSessions(tx, { patientId: owner.id });
    else await forgetTrustedDevices(tx, { patientId: owner.id });
  } else if (byOther) {
    if (before.length === removed.length) await deleteRecoveryCodes(tx, owner.id);
    await bumpStaffSessionVersion(tx, owner.id);
  }

  await recordAuditEvent(tx, {
    ...(removedBy.by === "staff"
      ? { actorType: "staff", actorStaffId: removedBy.staffId, patientId: owner.kind === "patient" ? owner.id : null }
      : auditSelf(owner)),
    event: "second_factor.removed",
    details: {
      kinds: removed,
      by: removedBy.by,
      ...(owner.kind === "staff" && removedBy.by === "staff" ? { targetStaffId: owner.id } : {}),
    },
  });

  const contact = owner.kind === "patient" ? await getPatientContact(tx, owner.id) : null;
  const to = owner.kind === "patient" ? contact?.email : await findStaffEmail(tx, owner.id);
  // Staff read English; a patient reads the page's language, or their Preferred one when staff did it.
  const locale =
    owner.kind === "staff"
      ? DEFAULT_LOCALE
      : removedBy.by === "staff"
        ? practiceEmailLocale(contact ?? {})
        : (opts.locale ?? DEFAULT_LOCALE);
  if (to) {
    await enqueueEmail(tx, {
      to,
      patientId: owner.kind === "patient" ? owner.id : null,
      now,
      message: {
        template: "second_step_removed",
        by: removedBy.by,
        what: removedStepsWords(removed, before.length === removed.length, locale),
        removedAt: emailDateTime(now, locale),
        locale,
      },
    });
  }
  return { ok: true, removed };
}
