import { z } from "zod";

// ASCII only: look-alike Unicode letters would let two accounts appear to share a name.
// The character class also rules out spaces and control characters.
const USERNAME_CHARS = /^[A-Za-z0-9._@-]+$/;
const LENGTH_MESSAGE = "Username must be 3 to 64 characters";

export const usernameField = z
  .string({ error: "Enter a username" })
  .trim()
  .min(3, LENGTH_MESSAGE)
  .max(64, LENGTH_MESSAGE)
  .regex(USERNAME_CHARS, "Username can only use letters, digits and . _ - @");

/** Key for uniqueness checks: "Alice" and "alice" are the same account, display keeps the case. */
export function normalizeUsernameKey(u: string): string {
  return u.toLowerCase();
}
