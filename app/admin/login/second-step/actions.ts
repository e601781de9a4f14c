"use server";
// Staff sign-in, second step: a passkey, a code from the authenticator app or a recovery code.
import {
  type PasskeyOptionsState,
  type PasskeySignInState,
  passkeyOptionsAction,
  passkeySecondStepAction,
} from "@/app/_lib/passkey-actions";
import { secondStepAction, type SecondStepState } from "@/app/_lib/second-step-action";

const staffSecondStep = secondStepAction("staff", "/admin");

export async function verifyStaffSecondStep(prev: SecondStepState, form: FormData): Promise<SecondStepState> {
  return staffSecondStep(prev, form);
}

const passkeyOptions = passkeyOptionsAction("staff", { pending: true });

export async function staffSecondStepPasskeyOptions(
  prev: PasskeyOptionsState,
  form: FormData,
): Promise<PasskeyOptionsState> {
  return passkeyOptions(prev, form);
}

const passkeySecondStep = passkeySecondStepAction("staff", "/admin");

export async function verifyStaffSecondStepPasskey(
  prev: PasskeySignInState,
  form: FormData,
): Promise<PasskeySignInState> {
  return passkeySecondStep(prev, form);
}
