// Translations outside a request (the email worker, lib code): the same messages, no Next involved.
import { createTranslator } from "use-intl/core";
import type { Locale } from "./locales";
import { MESSAGES, type Messages } from "./messages";

export function translator<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: "UTC" });
}
