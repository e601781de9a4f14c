// Six-digit codes emailed to a patient, to finish signing in or to turn emailed codes on (docs/security.md M7):
// ten minutes, five tries, single use, only an HMAC of the code kept, sent to the address on file through the
// outbox and its per-recipient cap, with nothing from the chart in the email.
import { createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { Tx } from "@/db/client";
import {
  deleteUnusedEmailCodes,
  type EmailCodePurpose,
  insertEmailCode,
  newestEmailCode,
  spendEmailCodeTry,
} from "@/db/queries/email-codes";
import { lockPatientEmail } from "@/db/queries/patient-changes";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getConfig } from "@/lib/config";
import { enqueueEmails, holdEmail, recipientHasRoom } from "@/lib/email/enqueue-email";
import { durationWords } from "@/lib/email/email-words";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";

export type { EmailCodePurpose };
export type EmailCodeCheck = "ok" | "wrong" | "expired" | "used" | "too_many" | "none";

export const EMAIL_CODE = { digits: 6, minutes: 10, tries: 5 } as const;

/** A code sent this recently and still good is not sent again: a double click must not mail twice. */
const RESEND_AFTER_MS = 60_000;

let key: Buffer | undefined;
const codeKey = () =>
  (key ??= Buffer.from(hkdfSync("sha256", getConfig().AUTH_SECRET, "patient-portal", "email code v1", 32)));

/** Keyed and bound to the patient and purpose: a dump of the table alone cannot be tried against a million codes. */
const codeMac = (o: { patientId: string; purpose: EmailCodePurpose; code: string }) =>
  createHmac("sha256", codeKey()).update(`${o.purpose}\n${o.patientId}\n${o.code}`, "utf8").digest();

/** What is compared when there is no code, so that answer takes the same work as a wrong one. */
const DUMMY_MAC = randomBytes(32);
const NO_CODE_ID = "00000000-0000-0000-0000-000000000000";

/** As typed or pasted: "402 917", "402-917" and full-width digits all read as 402917. */
const normalizeTyped = (typed: string) => typed.normalize("NFKC").replace(/[\s\p{Pd}]/gu, "");

/**
 * Emails a new code to the patient's address on file. Not when one went out less than a minute ago and still
 * works (`reusedRecent`), and not when the address has had its share of emails (`sent: false`): then the code
 * the patient already has keeps working, as nothing is voided before the email is sure to be queued.
 */
export async function sendEmailCode(
  tx: Tx,
  /** `locale`: the language of the page the patient asked on, which the email is written in. */
  opts: { patientId: string; purpose: EmailCodePurpose; locale?: Locale; now: Date },
): Promise<{ sent: boolean; reusedRecent?: boolean }> {
  const locale = opts.locale ?? DEFAULT_LOCALE;
  // Locking the patient's row makes two parallel requests take turns, so the second sees the first one's code.
  const patient = await lockPatientEmail(tx, opts.patientId);
  if (!patient?.email) return { sent: false };
  const at = opts.now.getTime();
  const recent = await newestEmailCode(tx, opts);
  if (
    recent &&
    !recent.usedAt &&
    recent.tries < EMAIL_CODE.tries &&
    recent.expiresAt.getTime() > at &&
    at - recent.createdAt.getTime() < RESEND_AFTER_MS
  )
    return { sent: false, reusedRecent: true };

  if (!(await recipientHasRoom(tx, patient.email, opts.now))) {
    await holdEmail(tx, { to: patient.email, template: "sign_in_code", patientId: opts.patientId, now: opts.now });
    return { sent: false };
  }
  await deleteUnusedEmailCodes(tx, opts);
  const code = randomInt(0, 10 ** EMAIL_CODE.digits)
    .toString()
    .padStart(EMAIL_CODE.digits, "0");
  await insertEmailCode(tx, {
    patientId: opts.patientId,
    purpose: opts.purpose,
    codeHash: codeMac({ ...opts, code }).toString("hex"),
    now: opts.now,
    expiresAt: new Date(at + EMAIL_CODE.minutes * 60_000),
  });
  await enqueueEmails(
    tx,
    [
      {
        to: patient.email,
        message: {
          template: "sign_in_code",
          code,
          validFor: durationWords({ count: EMAIL_CODE.minutes, unit: "minute" }, locale),
          purpose: opts.purpose,
          locale,
        },
        patientId: opts.patientId,
        now: opts.now,
      },
    ],
    { capChecked: true },
  );
  await recordAuditEvent(tx, {
    event: "second_factor.email_code_sent",
    actorType: "patient",
    patientId: opts.patientId,
    details: { purpose: opts.purpose },
  });
  return { sent: true };
}

/**
 * Checks a typed code against the patient's newest code of this purpose. Every answer does the same work: the
 * typed code's HMAC is compared in constant time (against a stand-in when there is no code) and one UPDATE
 * spends a try, so "wrong", "expired", "used" and "none" take the same time. A wrong code counts a try; after
 * five the code is dead, the right one included. A right code is used up in that same UPDATE, once.
 * Wrong answers are for the caller to count (with wrong passwords) and audit.
 */
export async function checkEmailCode(
  tx: Tx,
  opts: { patientId: string; purpose: EmailCodePurpose; typed: string; now: Date },
): Promise<EmailCodeCheck> {
  const row = await newestEmailCode(tx, opts);
  const typedMac = codeMac({ patientId: opts.patientId, purpose: opts.purpose, code: normalizeTyped(opts.typed) });
  const stored = row ? Buffer.from(row.codeHash, "hex") : DUMMY_MAC;
  const same = timingSafeEqual(typedMac, stored.length === typedMac.length ? stored : DUMMY_MAC);
  const spent = await spendEmailCodeTry(tx, {
    id: row?.id ?? NO_CODE_ID,
    right: same && row !== null,
    maxTries: EMAIL_CODE.tries,
    now: opts.now,
  });
  if (!row) return "none";
  if (spent) {
    if (!spent.used) return "wrong";
    await recordAuditEvent(tx, {
      event: "second_factor.email_code_used",
      actorType: "patient",
      patientId: opts.patientId,
      details: { purpose: opts.purpose },
    });
    return "ok";
  }
  if (row.usedAt) return "used";
  if (row.tries >= EMAIL_CODE.tries) return "too_many";
  if (row.expiresAt.getTime() <= opts.now.getTime()) return "expired";
  // Live when read, not when tried: a parallel try used it or took its last try.
  const now = await newestEmailCode(tx, opts);
  return now?.id === row.id && now.usedAt ? "used" : "too_many";
}
