"use server";
import type { SetPasswordState } from "../_components/set-password-form";
import { setPasswordAction } from "../_lib/set-password-action";

const resetForm = setPasswordAction("reset");

export async function completePasswordReset(prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  return resetForm(prev, form);
}
