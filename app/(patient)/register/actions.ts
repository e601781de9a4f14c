"use server";
// The create-account form's action: the shared identity-form body (../_lib/verification-action.ts) for this flow.
import { verificationAction } from "../_lib/verification-action";
import type { VerificationState } from "../_components/verification-form";

const verification = verificationAction("register");

export async function requestAccountSetup(prev: VerificationState, form: FormData): Promise<VerificationState> {
  return verification(prev, form);
}
