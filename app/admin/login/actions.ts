"use server";
// Staff sign-in. The same message for every failure, so the form never says which part was wrong.
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { staffSignInSchema } from "@/lib/validation/staff-sign-in";
import { fieldErrors, type FormState } from "@/app/_components/form-state";

export type StaffSignInState = FormState<"email" | "password">;

export async function signInStaff(_prev: StaffSignInState, form: FormData): Promise<StaffSignInState> {
  const parsed = staffSignInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  const email = typeof form.get("email") === "string" ? String(form.get("email")).slice(0, 254) : "";
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values: { email } };
  try {
    await signIn("staff", { ...parsed.data, redirectTo: "/admin" });
  } catch (error) {
    // signIn() redirects by throwing; only an AuthError is a failed sign-in.
    if (error instanceof AuthError) {
      return { message: "Email or password is not right. Check them and try again.", values: { email } };
    }
    throw error;
  }
  return {};
}
