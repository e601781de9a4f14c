// Which language a request gets. Staff pages stay English; a patient page follows the remembered choice,
// then the browser's Accept-Language, then English.
import Negotiator from "negotiator";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./locales";

const STAFF_PATHS = /^\/(?:admin|staff-setup|dev|api)(?:\/|$)/;

/** Whether a path is a patient page (shown in the patient's language, with the language switch). */
export const isPatientPath = (pathname: string) => !STAFF_PATHS.test(pathname);

export function negotiateLocale(opts: {
  pathname: string;
  cookie: string | undefined;
  acceptLanguage: string | null;
}): Locale {
  if (!isPatientPath(opts.pathname)) return DEFAULT_LOCALE;
  if (isLocale(opts.cookie)) return opts.cookie;
  return fromAcceptLanguage(opts.acceptLanguage ?? "");
}

// Browsers send a handful of distinct headers, and parsing one costs more than the rest of the choice: the
// answers for the last few hundred short ones are kept (bounded in count and size, so a flood of odd or huge
// headers cannot grow it).
const chosen = new Map<string, Locale>();
const REMEMBERED = 500;
const LONGEST_REMEMBERED = 200;

function fromAcceptLanguage(header: string): Locale {
  let locale = chosen.get(header);
  if (locale === undefined) {
    const best = new Negotiator({ headers: { "accept-language": header } }).language([...LOCALES]);
    locale = isLocale(best) ? best : DEFAULT_LOCALE;
    if (header.length <= LONGEST_REMEMBERED) {
      if (chosen.size >= REMEMBERED) chosen.clear();
      chosen.set(header, locale);
    }
  }
  return locale;
}
