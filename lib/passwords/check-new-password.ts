// New-password rules from NIST SP 800-63B rev. 4: length limits, a blocklist and
// context words only. No composition rules: they push people to "Password1!".
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { isCommonPassword } from "./common-passwords";

export const DEFAULT_MIN_PASSWORD_LENGTH = 15;
export const MIN_PASSWORD_LENGTH_FLOOR = 8;
export const MAX_PASSWORD_LENGTH = 128;
// Context words shorter than this would block far too many good passwords.
const MIN_CONTEXT_WORD_LENGTH = 3;

export type PasswordContext = {
  username?: string | null;
  lastName?: string | null;
  email?: string | null;
  practiceName?: string | null;
};

export type PasswordRefusal = "too_short" | "too_long" | "common" | "contains_personal" | "repeated";

export type PasswordCheck = { ok: true; normalized: string } | { ok: false; reason: PasswordRefusal; message: string };

/** The minimum actually enforced: a misconfiguration must never weaken it below the floor. */
export function effectiveMinLength(minLength: number): number {
  if (!Number.isFinite(minLength)) return DEFAULT_MIN_PASSWORD_LENGTH;
  return Math.min(MAX_PASSWORD_LENGTH, Math.max(MIN_PASSWORD_LENGTH_FLOOR, Math.floor(minLength)));
}

/** The guidance shown under a new-password box, in the page's language (English unless told). */
export function passwordHint(minLength: number, locale: Locale = DEFAULT_LOCALE): string {
  return translator(locale, "passwords")("hint", { min: effectiveMinLength(minLength) });
}

// Users count what they see, so count code points: an emoji is one character, not two.
const codePoints = (s: string) => [...s].length;

// Drops accents, spaces, hyphens and apostrophes so "García-López" also matches "garcialopez".
const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[\s\-'‘’ʼ`]/gu, "")
    .normalize("NFKC")
    .toLowerCase();

// Each context word's refusal, as its key in messages/<locale>/passwords.json.
const CONTEXT_MESSAGES = {
  username: "containsUsername",
  lastName: "containsLastName",
  email: "containsEmail",
  practiceName: "containsPracticeName",
} as const;

function contextWords(context: PasswordContext): [keyof typeof CONTEXT_MESSAGES, string][] {
  const email = context.email ?? "";
  const at = email.lastIndexOf("@");
  return [
    ["username", context.username ?? ""],
    ["lastName", context.lastName ?? ""],
    // The local part is what people reuse; the domain ("gmail") says nothing about them.
    ["email", at >= 0 ? email.slice(0, at) : email],
    ["practiceName", context.practiceName ?? ""],
  ];
}

function containsContextWord(lowered: string, folded: string, word: string): boolean {
  const plain = word.normalize("NFKC").trim().toLowerCase();
  const bare = fold(plain);
  return (
    (codePoints(plain) >= MIN_CONTEXT_WORD_LENGTH && lowered.includes(plain)) ||
    (codePoints(bare) >= MIN_CONTEXT_WORD_LENGTH && folded.includes(bare))
  );
}

/**
 * Checks a password a user is choosing. On success returns the NFKC form, which is
 * what must be hashed so the same password typed on another keyboard still matches.
 * Messages are in `locale` (English unless told) and never include the password.
 */
export function checkNewPassword(opts: {
  password: string;
  minLength: number;
  context?: PasswordContext;
  locale?: Locale;
}): PasswordCheck {
  const t = translator(opts.locale ?? DEFAULT_LOCALE, "passwords");
  const refuse = (reason: PasswordRefusal, message: string): PasswordCheck => ({ ok: false, reason, message });
  const min = effectiveMinLength(opts.minLength);
  const tooLong = refuse("too_long", t("tooLong", { max: MAX_PASSWORD_LENGTH }));

  // Cheap guard before normalising: NFKC can expand input, so bound the work first.
  if (opts.password.length > MAX_PASSWORD_LENGTH * 4) return tooLong;
  const normalized = opts.password.normalize("NFKC");
  const length = codePoints(normalized);
  if (length > MAX_PASSWORD_LENGTH) return tooLong;
  if (length < min) return refuse("too_short", t("tooShort", { min }));

  const lowered = normalized.toLowerCase();
  if (new Set(lowered).size === 1) {
    return refuse("repeated", t("repeated"));
  }
  if (isCommonPassword(normalized)) {
    return refuse("common", t("common"));
  }

  const folded = fold(lowered);
  for (const [field, word] of contextWords(opts.context ?? {})) {
    if (containsContextWord(lowered, folded, word)) return refuse("contains_personal", t(CONTEXT_MESSAGES[field]));
  }
  return { ok: true, normalized };
}
