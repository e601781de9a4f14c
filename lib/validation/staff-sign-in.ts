import { z } from "zod";
import { emailField, passwordInput } from "./fields";

export const staffSignInSchema = z.object({ email: emailField, password: passwordInput });
export type StaffSignIn = z.infer<typeof staffSignInSchema>;
