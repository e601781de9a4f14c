// What the forms behind an emailed link accept: patient setup (username and password) and reset (password).
// Whether the two passwords match is the action's check, once each field is well formed on its own.
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "@/lib/passwords/check-new-password";
import { passwordField } from "./fields";
import { usernameField } from "./username";

/** The link's token as the form carries it; whether it is real is for the token check to say. */
export const linkToken = z.string().max(100);

/** The second box: a blank one reads as "the two passwords do not match". */
export const confirmPasswordField = z
  .string()
  .max(MAX_PASSWORD_LENGTH * 4, `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`);

export const resetPasswordSchema = z.object({
  token: linkToken,
  password: passwordField("Enter a new password"),
  confirm: confirmPasswordField,
});

export const setupAccountSchema = resetPasswordSchema.extend({ username: usernameField });

export const changePasswordSchema = z.object({
  current: passwordField("Enter your current password"),
  password: passwordField("Enter a new password"),
  confirm: confirmPasswordField,
});

export const PASSWORDS_DIFFER = "The two passwords do not match. Type the same password in both boxes.";
