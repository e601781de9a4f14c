// What the second-step and "add an authenticator app" forms send. Codes are only shape-checked here; whether one
// is right is for lib/auth/second-step.ts, with the same answer for every wrong one.
import { z } from "zod";

export const SECOND_STEP_METHODS = ["totp", "recovery_code", "email_code"] as const;
export type SecondStepMethod = (typeof SECOND_STEP_METHODS)[number];

// A code as people type or paste it: digits, letters, spaces and hyphens, nothing longer than a recovery code.
export const typedCode = (empty: string) =>
  z
    .string(empty)
    .trim()
    .min(1, empty)
    .max(32, "That code is too long. Check it and try again.")
    .regex(/^[A-Za-z0-9 -]+$/, "Codes have only letters, numbers and hyphens. Check it and try again.");

export const secondStepSchema = z.object({
  method: z.enum(SECOND_STEP_METHODS),
  code: typedCode("Enter the code."),
  remember: z.boolean().optional(),
});

export const addAuthenticatorSchema = z.object({
  offer: z.string().min(1).max(1_000),
  code: typedCode("Enter the 6-digit code your app shows."),
  name: z
    .string()
    .trim()
    .max(60, "Use at most 60 characters for the name.")
    .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u, "Use letters, numbers and spaces for the name.")
    .transform((n) => n || "Authenticator app"),
});
