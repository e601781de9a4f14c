import { z } from "zod";
import { passwordInput } from "./fields";

// Sign-in checks only shape: the username rules apply when choosing one, not when typing it.
export const patientSignInSchema = z.object({
  username: z
    .string({ error: "Enter your username" })
    .trim()
    .min(1, "Enter your username")
    .max(64, "Username must be 64 characters or fewer")
    .regex(/^[^\u0000-\u001f\u007f]*$/, "Username contains characters that are not allowed"),
  password: passwordInput,
});
