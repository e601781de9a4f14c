// Per-account throttling and lockout after repeated failures (docs/security.md S1); neither ever shows in a message.
// From the 5th failure in a row the account waits 1, 2, 4, 8, 16 seconds before it checks a password again; the
// 10th locks it for 15 minutes. While it waits, attempts are refused without counting, so at most 10 wrong
// passwords can be tried per 15 minutes and 31 seconds: about 39 an hour, under the 100 an hour cap.
import type { Tx } from "@/db/client";
import { addSignInFailure } from "@/db/queries/sign-in-failures";

export const LOCKOUT = { delayFrom: 5, maxFailures: 10, lockMinutes: 15 } as const;

/** Seconds the account refuses every attempt after its `failures`-th failure in a row. */
export function waitAfterFailure(failures: number): number {
  if (failures >= LOCKOUT.maxFailures) return LOCKOUT.lockMinutes * 60;
  if (failures >= LOCKOUT.delayFrom) return 2 ** (failures - LOCKOUT.delayFrom);
  return 0;
}

/** Counts one failure against a patient account or a staff user; true when this failure set the 15-minute lock. */
export async function countFailure(
  tx: Tx,
  who: "patient_account" | "staff_user",
  id: string,
  now: Date,
): Promise<boolean> {
  return (await addSignInFailure(tx, { who, id, policy: LOCKOUT, now })) === LOCKOUT.maxFailures;
}
