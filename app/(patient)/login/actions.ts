"use server";
// Patient sign-in. One message for unknown user, wrong password and locked account; access switched off is
// named only to someone who gave the right password.
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { getConfig } from "@/lib/config";
import { patientSignInSchema } from "@/lib/validation/patient-sign-in";
import { fieldErrors, type FormState } from "@/app/_components/form-state";

export type PatientSignInState = FormState<"username" | "password">;

export async function signInPatient(_prev: PatientSignInState, form: FormData): Promise<PatientSignInState> {
  const typed = form.get("username");
  const username = typeof typed === "string" ? typed.slice(0, 64) : "";
  const parsed = patientSignInSchema.safeParse({ username: form.get("username"), password: form.get("password") });
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values: { username } };
  try {
    await signIn("patient", { ...parsed.data, redirectTo: "/portal" });
  } catch (error) {
    // signIn() redirects by throwing; only an AuthError is a failed sign-in.
    if (!(error instanceof AuthError)) throw error;
    const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
    if (error instanceof CredentialsSignin && error.code === "access_off") {
      return {
        message: `Your Patient Portal access is turned off. Please call ${PRACTICE_NAME} at ${PRACTICE_PHONE} to turn it back on.`,
        values: { username },
      };
    }
    return {
      message:
        "Username or password is not right. Check them and try again, or use the links below if you forgot them.",
      values: { username },
    };
  }
  return {};
}
