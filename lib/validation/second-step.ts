// What the second-step and "add an authenticator app" forms send. Codes are only shape-checked here; whether one
// is right is for lib/auth/second-step.ts, with the same answer for every wrong one.
import { z } from "zod";
import { validationKey } from "@/lib/i18n/localize-message";

export const SECOND_STEP_METHODS = ["totp", "recovery_code", "email_code"] as const;
export type SecondStepMethod = (typeof SECOND_STEP_METHODS)[number];

// A code as people type or paste it: digits, letters, spaces and hyphens, nothing longer than a recovery code.
export const typedCode = (empty: string) =>
  z
    .string(empty)
    .trim()
    .min(1, empty)
    .max(32, validationKey("codeTooLong"))
    .regex(/^[A-Za-z0-9 -]+$/, validationKey("codeCharacters"));

export const secondStepSchema = z.object({
  method: z.enum(SECOND_STEP_METHODS),
  code: typedCode(validationKey("enterCode")),
  remember: z.boolean().optional(),
});

export const addAuthenticatorSchema = z.object({
  offer: z.string().min(1).max(1_000),
  code: typedCode(validationKey("enterAppCode")),
  name: z
    .string()
    .trim()
    .max(60, validationKey("appNameTooLong"))
    .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u, validationKey("appNameCharacters"))
    .transform((n) => n || "Authenticator app"),
});
