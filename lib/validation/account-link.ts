// What the forms behind an emailed link accept: patient setup (username and password) and reset (password).
// Whether the two passwords match is the action's check, once each field is well formed on its own.
import { z } from "zod";
import { validationKey } from "@/lib/i18n/localize-message";
import { MAX_PASSWORD_LENGTH } from "@/lib/passwords/check-new-password";
import { passwordField } from "./fields";
import { usernameField } from "./username";

/** The link's token as the form carries it; whether it is real is for the token check to say. */
export const linkToken = z.string().max(100);

/** The second box: a blank one reads as "the two passwords do not match". */
export const confirmPasswordField = z.string().max(MAX_PASSWORD_LENGTH * 4, validationKey("passwordTooLong"));

export const resetPasswordSchema = z.object({
  token: linkToken,
  password: passwordField(validationKey("enterNewPassword")),
  confirm: confirmPasswordField,
});

export const setupAccountSchema = resetPasswordSchema.extend({ username: usernameField });

export const changePasswordSchema = z.object({
  current: passwordField(validationKey("enterCurrentPassword")),
  password: passwordField(validationKey("enterNewPassword")),
  confirm: confirmPasswordField,
});

/** Returned by actions themselves (staff setup keeps these English words); patient forms localize the key. */
export const PASSWORDS_DIFFER = "The two passwords do not match. Type the same password in both boxes.";
export const PASSWORDS_DIFFER_KEY = validationKey("passwordsDiffer");
