// next-intl's per-request configuration: the proxy's language, its messages, and UTC for dates (every date we
// show is a calendar date or a UTC time, as the staff pages show them).
import { getRequestConfig } from "next-intl/server";
import { isLocale } from "./locales";
import { MESSAGES } from "./messages";
import { requestLocale } from "./request-locale";

export default getRequestConfig(async ({ locale }) => {
  const chosen = isLocale(locale) ? locale : await requestLocale();
  return { locale: chosen, messages: MESSAGES[chosen], timeZone: "UTC" };
});
