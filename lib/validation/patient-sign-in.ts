import { z } from "zod";
import { validationKey } from "@/lib/i18n/localize-message";
import { passwordInput } from "./fields";

// Sign-in checks only shape: the username rules apply when choosing one, not when typing it.
export const patientSignInSchema = z.object({
  username: z
    .string({ error: validationKey("enterUsername") })
    .trim()
    .min(1, validationKey("enterUsername"))
    .max(64, validationKey("usernameTooLong"))
    .regex(/^[^\u0000-\u001f\u007f]*$/, validationKey("usernameNotAllowed")),
  password: passwordInput,
});
