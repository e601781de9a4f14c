// Validation rules in lib/validation name their messages by key ("validation.enterEmail") instead of English
// words, so the same rule speaks each language; the one place those keys become words for a form is here.
import type { Locale } from "./locales";
import { MESSAGES } from "./messages";
import { translator } from "./translator";

const PREFIX = "validation.";
type ValidationKey = keyof (typeof MESSAGES)["en"]["validation"];

/** The key a validation rule reports, typed so a rule cannot name a message that does not exist. */
export const validationKey = (key: ValidationKey) => `${PREFIX}${key}`;

/** A validation key in the given language; any other text (a staff form's English message) as it is. */
export function localizeMessage(message: string, locale: Locale): string {
  if (!message.startsWith(PREFIX)) return message;
  const key = message.slice(PREFIX.length);
  if (!Object.hasOwn(MESSAGES[locale].validation, key)) return message;
  return translator(locale, "validation")(key as ValidationKey);
}

export function localizeErrors<F extends string>(
  errors: Partial<Record<F, string[]>>,
  locale: Locale,
): Partial<Record<F, string[]>> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, messages]) => [
      field,
      (messages as string[]).map((m) => localizeMessage(m, locale)),
    ]),
  ) as Partial<Record<F, string[]>>;
}
