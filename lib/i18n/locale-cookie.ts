// How the language choice is remembered: one home for the cookie the proxy and the switch's action both set.
import { LOCALE_COOKIE, LOCALE_COOKIE_SECONDS, type Locale } from "./locales";

export function localeCookie(locale: Locale, appUrl: string) {
  return {
    name: LOCALE_COOKIE,
    value: locale,
    httpOnly: true,
    sameSite: "lax" as const,
    secure: appUrl.startsWith("https:"),
    path: "/",
    maxAge: LOCALE_COOKIE_SECONDS,
  };
}
