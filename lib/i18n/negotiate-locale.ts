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
  const best = new Negotiator({ headers: { "accept-language": opts.acceptLanguage ?? "" } }).language([...LOCALES]);
  return isLocale(best) ? best : DEFAULT_LOCALE;
}
