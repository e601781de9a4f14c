"use server";
import type { SetPasswordState } from "../_components/set-password-form";
import { setPasswordAction } from "../_lib/set-password-action";

const setupForm = setPasswordAction("setup");

export async function completeAccountSetup(prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  return setupForm(prev, form);
}
