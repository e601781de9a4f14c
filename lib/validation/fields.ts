// Shared field schemas: normalisation happens here so every caller sees the same input.
import { z } from "zod";
import { validationKey } from "@/lib/i18n/localize-message";
import { MAX_PASSWORD_LENGTH } from "@/lib/passwords/check-new-password";

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

export const emailField = z
  .string({ error: "Enter an email address" })
  .trim()
  .min(1, "Enter an email address")
  .max(254, "Email address must be 254 characters or fewer")
  .regex(NO_CONTROL, "Email address contains characters that are not allowed")
  .pipe(z.email({ error: "Enter an email address in the right form, like name@example.com" }))
  .transform((e) => e.toLowerCase());

// Measured as the password is checked and hashed (NFKC code points, docs/security.md P2), so every password
// that can be chosen can also be typed at sign-in; the raw cap stops huge pastes before any work.
// The words name MAX_PASSWORD_LENGTH; fields.test.ts keeps them equal.
const tooLong = validationKey("passwordTooLong");
/** A password field, with the form's own words for a blank box. */
export const passwordField = (empty: string) =>
  z
    .string({ error: empty })
    .min(1, empty)
    .max(MAX_PASSWORD_LENGTH * 4, tooLong)
    .refine((p) => [...p.normalize("NFKC")].length <= MAX_PASSWORD_LENGTH, tooLong);

/** A password typed to sign in. */
export const passwordInput = passwordField(validationKey("enterPassword"));

// zod's ISO date check knows each month's length and the leap years.
const isoDate = z.iso.date();

/** The ISO date (YYYY-MM-DD) of a 4-digit year and a 1- or 2-digit month and day, or null if no such day exists. */
export function calendarDate(year: string, month: string, day: string): string | null {
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isoDate.safeParse(iso).success ? iso : null;
}
