"use server";
// Staff sign-in, second step: a code from the authenticator app or a recovery code.
import { secondStepAction, type SecondStepState } from "@/app/_lib/second-step-action";

const staffSecondStep = secondStepAction("staff", "/admin");

export async function verifyStaffSecondStep(prev: SecondStepState, form: FormData): Promise<SecondStepState> {
  return staffSecondStep(prev, form);
}
