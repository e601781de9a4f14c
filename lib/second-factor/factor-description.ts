// How a patient's list names each of their second steps, in plain words and the page's language: what it is, what
// they called it, when it was added and last used ("Authenticator app “Phone”, added Mar 3, 2026, last used today").
import type { FactorKind } from "@/db/queries/second-factors";
import { INTL_LOCALE, LOCALES, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";

// English keeps the short month the portal always showed; Spanish reads better written out ("3 de marzo de 2026").
const DATE_STYLE: Record<Locale, "medium" | "long"> = { en: "medium", es: "long" };

const DAY_MS = 86_400_000;
const dayOf = (d: Date) => Math.floor(d.getTime() / DAY_MS);

/** "today", "yesterday", or the date (days as the practice's dates are shown: UTC). */
export function whenInWords(at: Date, now: Date, locale: Locale): string {
  const t = translator(locale, "secondStep");
  const days = dayOf(now) - dayOf(at);
  if (days === 0) return t("factor.today");
  if (days === 1) return t("factor.yesterday");
  const date = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: DATE_STYLE[locale], timeZone: "UTC" });
  return t("factor.onDate", { date: date.format(at) });
}

/**
 * The factor's kind and, when the patient named it something else, that name in quotes. "inSentence" is the form
 * used inside a sentence ("Remove the authenticator app “Phone”?" in Spanish needs the article).
 */
export function factorTitle(
  f: { kind: FactorKind; name: string },
  locale: Locale,
  form: "start" | "inSentence" = "start",
): string {
  const t = translator(locale, "secondStep");
  const kind = t(form === "start" ? `factor.kind.${f.kind}` : `factor.kindInSentence.${f.kind}`);
  const name = f.name.trim().toLowerCase();
  // Names are stored as typed; the default one is in the language of the page the factor was added on.
  const defaults = LOCALES.map((l) => translator(l, "secondStep")(`factor.kind.${f.kind}`));
  const unnamed = f.kind === "email" || !name || defaults.some((d) => d.toLowerCase() === name);
  return unnamed ? kind : t("factor.named", { kind, name: f.name.trim() });
}

export function factorDescription(
  f: { kind: FactorKind; name: string; createdAt: Date; lastUsedAt: Date | null },
  now: Date,
  locale: Locale,
): string {
  const t = translator(locale, "secondStep");
  const title = factorTitle(f, locale);
  const added = whenInWords(f.createdAt, now, locale);
  return f.lastUsedAt
    ? t("factor.used", { title, added, used: whenInWords(f.lastUsedAt, now, locale) })
    : t("factor.notUsed", { title, added });
}
