"use server";
// Patient sign-in. One message for unknown user, wrong password and locked account; access switched off is
// named only to someone who gave the right password.
import { AuthError, CredentialsSignin } from "next-auth";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { signIn } from "@/lib/auth/auth";
import { getConfig } from "@/lib/config";
import { patientSignInSchema } from "@/lib/validation/patient-sign-in";

const signInForm = formAction(
  { caller: "public", fields: { username: "text", password: "secret" }, schema: patientSignInSchema },
  async (input) => {
    try {
      await signIn("patient", { ...input, redirectTo: "/portal" });
    } catch (error) {
      // signIn() redirects by throwing; only an AuthError is a failed sign-in.
      if (!(error instanceof AuthError)) throw error;
      const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
      if (error instanceof CredentialsSignin && error.code === "access_off") {
        return {
          error: `Your Patient Portal access is turned off. Please call ${PRACTICE_NAME} at ${PRACTICE_PHONE} to turn it back on.`,
        };
      }
      return {
        error:
          "Username or password is not right. Check them and try again, or use the links below if you forgot them.",
      };
    }
    return {};
  },
);

export async function signInPatient(prev: PatientSignInState, form: FormData): Promise<PatientSignInState> {
  return signInForm(prev, form);
}

export type PatientSignInState = FormState<"username" | "password">;
