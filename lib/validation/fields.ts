// Shared field schemas: normalisation happens here so every caller sees the same input.
import { z } from "zod";

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

export const emailField = z
  .string({ error: "Enter an email address" })
  .trim()
  .min(1, "Enter an email address")
  .max(254, "Email address must be 254 characters or fewer")
  .regex(NO_CONTROL, "Email address contains characters that are not allowed")
  .pipe(z.email({ error: "Enter an email address in the right form, like name@example.com" }))
  .transform((e) => e.toLowerCase());

// Measured as the password is checked and hashed (NFKC code points), so every password that can be chosen
// can also be typed at sign-in; the raw cap stops huge pastes before any work.
export const passwordInput = z
  .string({ error: "Enter your password" })
  .min(1, "Enter your password")
  .max(512, "Password must be 128 characters or fewer")
  .refine((p) => [...p.normalize("NFKC")].length <= 128, "Password must be 128 characters or fewer");

// zod's ISO date check knows each month's length and the leap years.
const isoDate = z.iso.date();

/** The ISO date (YYYY-MM-DD) of a 4-digit year and a 1- or 2-digit month and day, or null if no such day exists. */
export function calendarDate(year: string, month: string, day: string): string | null {
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isoDate.safeParse(iso).success ? iso : null;
}
