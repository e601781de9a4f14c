"use server";
// The second-step help form's action: the shared identity-form body (../_lib/verification-action.ts) for this flow.
import { verificationAction } from "../_lib/verification-action";
import type { VerificationState } from "../_components/verification-form";

const verification = verificationAction("second_step_recovery");

export async function requestSecondStepHelp(prev: VerificationState, form: FormData): Promise<VerificationState> {
  return verification(prev, form);
}
