"use server";
import { handleVerification } from "../_components/handle-verification";
import type { VerificationState } from "../_components/verification-state";

export async function requestPasswordReset(_prev: VerificationState, form: FormData): Promise<VerificationState> {
  return handleVerification("forgot_password", form);
}
