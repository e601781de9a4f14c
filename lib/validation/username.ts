import { z } from "zod";
import { validationKey } from "@/lib/i18n/localize-message";

// ASCII only: look-alike Unicode letters would let two accounts appear to share a name.
// The character class also rules out spaces and control characters.
const USERNAME_CHARS = /^[A-Za-z0-9._@-]+$/;
const LENGTH_MESSAGE = validationKey("usernameLength");

export const usernameField = z
  .string({ error: validationKey("chooseUsername") })
  .trim()
  .min(3, LENGTH_MESSAGE)
  .max(64, LENGTH_MESSAGE)
  .regex(USERNAME_CHARS, validationKey("usernameCharacters"));

/** Key for uniqueness checks: "Alice" and "alice" are the same account, display keeps the case. */
export function normalizeUsernameKey(u: string): string {
  return u.toLowerCase();
}
