// Every text patients read, by language. One JSON file per area (messages/<locale>/<area>.json) so a change to
// the emails does not touch the sign-in texts; together they are one message tree per language.
import enCommon from "@/messages/en/common.json";
import enEmails from "@/messages/en/emails.json";
import enLinks from "@/messages/en/links.json";
import enPasswords from "@/messages/en/passwords.json";
import enPortal from "@/messages/en/portal.json";
import enSecondStep from "@/messages/en/secondStep.json";
import enSignIn from "@/messages/en/signIn.json";
import enValidation from "@/messages/en/validation.json";
import enVerification from "@/messages/en/verification.json";
import esCommon from "@/messages/es/common.json";
import esEmails from "@/messages/es/emails.json";
import esLinks from "@/messages/es/links.json";
import esPasswords from "@/messages/es/passwords.json";
import esPortal from "@/messages/es/portal.json";
import esSecondStep from "@/messages/es/secondStep.json";
import esSignIn from "@/messages/es/signIn.json";
import esValidation from "@/messages/es/validation.json";
import esVerification from "@/messages/es/verification.json";
import type { Locale } from "./locales";

const en = {
  common: enCommon,
  emails: enEmails,
  links: enLinks,
  passwords: enPasswords,
  portal: enPortal,
  secondStep: enSecondStep,
  signIn: enSignIn,
  validation: enValidation,
  verification: enVerification,
};

export type Messages = typeof en;

// Typed as the English tree, so a key missing from the Spanish files fails the type check
// (lib/i18n/messages.test.ts checks the same at run time, placeholders included).
const es: Messages = {
  common: esCommon,
  emails: esEmails,
  links: esLinks,
  passwords: esPasswords,
  portal: esPortal,
  secondStep: esSecondStep,
  signIn: esSignIn,
  validation: esValidation,
  verification: esVerification,
};

export const MESSAGES: Record<Locale, Messages> = { en, es };
