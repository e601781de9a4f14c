// The language of the request being served: as the proxy decided it (lib/i18n/negotiate-locale.ts), or, on the
// form routes the proxy leaves alone (app/_lib/form-route.ts), decided here the same way. Those routes serve
// only patient forms; a client that sends the proxy's header there chooses no more than the cookie lets it.
import "server-only";
import { headers } from "next/headers";
// The parser behind Next's cookies(), read straight from the request's headers: cookies() in a form route also
// builds the objects for writing cookies, which cost more than the verification request's own checks
// (bench/RESULTS.md), and nothing is written here.
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALE_HEADER, type Locale } from "./locales";
import { negotiateLocale } from "./negotiate-locale";

export async function requestLocale(): Promise<Locale> {
  const sent = await headers();
  const decided = sent.get(LOCALE_HEADER);
  if (decided !== null) return isLocale(decided) ? decided : DEFAULT_LOCALE;
  return negotiateLocale({
    pathname: "/",
    cookie: sent.has("cookie") ? new RequestCookies(sent).get(LOCALE_COOKIE)?.value : undefined,
    acceptLanguage: sent.get("accept-language"),
  });
}
