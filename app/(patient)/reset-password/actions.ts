"use server";
import { handleSetPassword } from "../_components/handle-set-password";
import type { SetPasswordState } from "../_components/set-password-state";

export async function completePasswordReset(_prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  return handleSetPassword("reset", form);
}
