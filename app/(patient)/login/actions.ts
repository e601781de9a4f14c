"use server";
// Patient sign-in: the password form posted without JavaScript (with it, the form posts to ./sign-in/route.ts,
// which answers without rendering a page), and a passkey, with no username or password typed.
import { redirect } from "next/navigation";
import {
  type PasskeyOptionsState,
  type PasskeySignInState,
  passkeyOptionsAction,
  passkeySignInAction,
} from "@/app/_lib/passkey-actions";
import { passwordSignIn } from "./password-sign-in";
import type { PatientSignInState } from "./sign-in-state";

export async function signInPatient(prev: PatientSignInState, form: FormData): Promise<PatientSignInState> {
  const state = await passwordSignIn(prev, form);
  if (state.result) redirect(state.result.next);
  return state;
}

const passkeyOptions = passkeyOptionsAction("patient", { pending: false });

export async function patientPasskeyOptions(prev: PasskeyOptionsState, form: FormData): Promise<PasskeyOptionsState> {
  return passkeyOptions(prev, form);
}

const passkeySignIn = passkeySignInAction("patient", "/portal");

export async function signInPatientWithPasskey(prev: PasskeySignInState, form: FormData): Promise<PasskeySignInState> {
  return passkeySignIn(prev, form);
}
