"use server";
// Staff sign-in, first step. The same message for every failure, so the form never says which part was wrong;
// a right password always leads on: to the second step, or to setting one up (docs/security.md M1). A
// user-verifying passkey alone is a complete staff sign-in.
import { after } from "next/server";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { formAction } from "@/app/_lib/form-action";
import {
  type PasskeyOptionsState,
  type PasskeySignInState,
  passkeyOptionsAction,
  passkeySignInAction,
} from "@/app/_lib/passkey-actions";
import type { FormState } from "@/app/_lib/form-state";
import { setPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { staffPasswordStep } from "@/lib/auth/password-step";
import { staffSignInSchema } from "@/lib/validation/staff-sign-in";

const signInForm = formAction(
  { caller: "public", fields: { email: "text", password: "secret" }, schema: staffSignInSchema },
  async (input, context) => {
    const step = await staffPasswordStep(await getDb(), {
      ...input,
      address: await context.ipHash(),
      now: new Date(),
      defer: after,
    });
    if (step.outcome === "second_step" || step.outcome === "set_up") {
      await setPendingSignInCookie(step.token);
      redirect(step.outcome === "set_up" ? "/admin/login/set-up" : "/admin/login/second-step");
    }
    return { error: "Email or password is not right. Check them and try again." };
  },
);

export async function signInStaff(prev: StaffSignInState, form: FormData): Promise<StaffSignInState> {
  return signInForm(prev, form);
}

export type StaffSignInState = FormState<"email" | "password">;

const passkeyOptions = passkeyOptionsAction("staff", { pending: false });

export async function staffPasskeyOptions(prev: PasskeyOptionsState, form: FormData): Promise<PasskeyOptionsState> {
  return passkeyOptions(prev, form);
}

const passkeySignIn = passkeySignInAction("staff", "/admin");

export async function signInStaffWithPasskey(prev: PasskeySignInState, form: FormData): Promise<PasskeySignInState> {
  return passkeySignIn(prev, form);
}
