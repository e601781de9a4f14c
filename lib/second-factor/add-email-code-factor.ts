// Turns on emailed codes as a patient's second step once they typed the code just emailed to the address on file
// (purpose "add_factor"): that proves the address reaches them before sign-ins depend on it. One per patient.
import type { Db } from "@/db/client";
import { insertEmailFactor, listFactors } from "@/db/queries/second-factors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { auditSelf, patientRef } from "./account-ref";
import { checkEmailCode, type EmailCodeCheck } from "./email-code";

export const EMAIL_FACTOR_NAME = "Emailed code";

export type AddEmailCodeFactorResult =
  | { ok: true; factorId: string }
  | { ok: false; reason: "already_on" | Exclude<EmailCodeCheck, "ok"> };

export async function addEmailCodeFactor(
  db: Db,
  opts: { patientId: string; code: string; now: Date },
): Promise<AddEmailCodeFactorResult> {
  const owner = patientRef(opts.patientId);
  return db.transaction(async (tx): Promise<AddEmailCodeFactorResult> => {
    if ((await listFactors(tx, owner)).some((f) => f.kind === "email")) return { ok: false, reason: "already_on" };
    // A wrong code spends one of the code's five tries, and that must stick: the refusal commits.
    const check = await checkEmailCode(tx, {
      patientId: opts.patientId,
      purpose: "add_factor",
      typed: opts.code,
      now: opts.now,
    });
    if (check !== "ok") return { ok: false, reason: check };
    const factorId = await insertEmailFactor(tx, { patientId: opts.patientId, name: EMAIL_FACTOR_NAME, now: opts.now });
    await recordAuditEvent(tx, { ...auditSelf(owner), event: "second_factor.added", details: { kind: "email" } });
    return { ok: true, factorId };
  });
}
