"use server";
// Staff sign-in. The same message for every failure, so the form never says which part was wrong.
import { AuthError } from "next-auth";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { signIn } from "@/lib/auth/auth";
import { staffSignInSchema } from "@/lib/validation/staff-sign-in";

const signInForm = formAction(
  { caller: "public", fields: { email: "text", password: "secret" }, schema: staffSignInSchema },
  async (input) => {
    try {
      await signIn("staff", { ...input, redirectTo: "/admin" });
    } catch (error) {
      // signIn() redirects by throwing; only an AuthError is a failed sign-in.
      if (error instanceof AuthError) return { error: "Email or password is not right. Check them and try again." };
      throw error;
    }
    return {};
  },
);

export async function signInStaff(prev: StaffSignInState, form: FormData): Promise<StaffSignInState> {
  return signInForm(prev, form);
}

export type StaffSignInState = FormState<"email" | "password">;
