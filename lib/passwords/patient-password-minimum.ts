// How long a patient's new password must be. NIST SP 800-63B rev. 4 allows 8 characters when the password is one
// of two factors; without a second step it is the only thing guarding the account, so the configured minimum
// (PASSWORD_MIN_LENGTH, 15 unless set) stays. Every place a patient chooses a password, and every hint, asks here.
import type { Db, Tx } from "@/db/client";
import { hasAnyFactor } from "@/db/queries/second-factors";
import { getConfig } from "@/lib/config";
import { patientRef } from "@/lib/second-factor/account-ref";
import { MIN_PASSWORD_LENGTH_FLOOR } from "./check-new-password";

/** The minimum for this patient: 8 with a second step on, the configured minimum without (or with no patient yet). */
export async function patientPasswordMinimum(db: Db | Tx, patientId: string | null): Promise<number> {
  return passwordMinimumWith(!!patientId && (await hasAnyFactor(db, patientRef(patientId))));
}

/** The same rule, for a page that has already read the patient's second steps. */
export function passwordMinimumWith(hasSecondStep: boolean): number {
  const configured = getConfig().PASSWORD_MIN_LENGTH;
  return hasSecondStep ? Math.min(configured, MIN_PASSWORD_LENGTH_FLOOR) : configured;
}
