// The values an email prints that are made when it is queued (how long a link works, when something happened,
// which second steps went), written in the email's language so the worker only has to put them in.
import type { FactorKind } from "@/db/queries/second-factors";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { formatDateTime } from "@/lib/patients/portal-status-text";

export type Duration = { count: number; unit: "minute" | "hour" | "day" };

const UNIT_KEY = { minute: "minutes", hour: "hours", day: "days" } as const;

/** "24 hours", "24 horas". */
export function durationWords(d: Duration, locale: Locale): string {
  return translator(locale, "emails")(`words.${UNIT_KEY[d.unit]}`, { count: d.count });
}

// English keeps the form staff pages use ("Mar 3, 2026, 2:15 PM UTC"); Spanish month abbreviations ("mar") read
// poorly, so Spanish spells the month out ("3 de marzo de 2026, 2:15 p.m. UTC").
const spanishDateTime = new Intl.DateTimeFormat(INTL_LOCALE.es, {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "UTC",
});

/** When something happened, as a notice prints it. */
export function emailDateTime(d: Date, locale: Locale): string {
  return locale === "es" ? `${spanishDateTime.format(d)} UTC` : formatDateTime(d);
}

const KIND_KEY = {
  totp: ["totp", "totpMany"],
  passkey: ["passkey", "passkeyMany"],
  email: ["email", "emailMany"],
} as const satisfies Record<FactorKind, readonly [string, string]>;

/** "every second step (authenticator app, passkeys)": what a removal notice says went. */
export function removedStepsWords(removed: readonly FactorKind[], all: boolean, locale: Locale): string {
  const t = translator(locale, "emails");
  const kinds = [...new Set(removed)]
    .map((k) => t(`words.${KIND_KEY[k][removed.filter((r) => r === k).length > 1 ? 1 : 0]}`))
    .join(", ");
  return t(all ? "words.everyStep" : "words.oneStep", { kinds });
}
