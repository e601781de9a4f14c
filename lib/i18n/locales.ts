// The languages patient pages and emails come in. Staff pages are English only.
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Remembers a patient's choice (or what their browser asked for) for a year; it holds nothing else. */
export const LOCALE_COOKIE = "pp_lang";
export const LOCALE_COOKIE_SECONDS = 365 * 24 * 60 * 60;
/** Set by the proxy on every request it passes on, so pages and actions read one decision. */
export const LOCALE_HEADER = "x-pp-locale";
/** The query parameter that chooses a language: the language switch and emailed links use it. */
export const LOCALE_PARAM = "lang";

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** Each language named in itself, as the switch shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", es: "Español" };

/** US English and US Spanish for Intl formatting: "March 15, 1962" and "15 de marzo de 1962". */
export const INTL_LOCALE: Record<Locale, string> = { en: "en-US", es: "es-US" };
