// The one rule for the language of an email the practice sets off (an invitation, a reminder, a notice of what
// staff or the system did): the patient's Preferred language on file. Emails answering the patient's own request
// are written in the language of the page they used instead, which the caller passes in.
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";

export function practiceEmailLocale(patient: { preferredLanguage?: string | null }): Locale {
  return isLocale(patient.preferredLanguage) ? patient.preferredLanguage : DEFAULT_LOCALE;
}
