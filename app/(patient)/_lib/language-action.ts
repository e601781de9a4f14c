"use server";
// The language switch with JavaScript on: remember the choice and let Next render the page again in place,
// so what the patient already typed stays in the form. Without JavaScript the switch is a plain link
// ("?lang=es") that the proxy remembers the same way.
import { cookies } from "next/headers";
import { z } from "zod";
import { formAction } from "@/app/_lib/form-action";
import { getConfig } from "@/lib/config";
import { localeCookie } from "@/lib/i18n/locale-cookie";
import { LOCALES } from "@/lib/i18n/locales";

const chooseLanguageAction = formAction(
  {
    caller: "public",
    fields: { lang: "text" },
    schema: z.object({ lang: z.enum(LOCALES, { error: "Choose English or Español." }) }),
  },
  async ({ lang }) => {
    (await cookies()).set(localeCookie(lang, getConfig().APP_URL));
    return {};
  },
);

export async function chooseLanguage(prev?: Parameters<typeof chooseLanguageAction>[0], form?: FormData) {
  return chooseLanguageAction(prev, form);
}
