"use client";
// "English | Español" on every patient page. Each language is a link ("?lang=es", remembered by the proxy), so
// it works without JavaScript; with JavaScript the choice goes through a server action instead and the page is
// rendered again in place, keeping what was typed.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_NAMES, LOCALE_PARAM, LOCALES, type Locale } from "@/lib/i18n/locales";
import { chooseLanguage } from "../_lib/language-action";

export function LanguageSwitch({ current, label }: { current: Locale; label: string }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const href = (locale: Locale) => {
    const query = new URLSearchParams(search);
    query.set(LOCALE_PARAM, locale);
    return `${pathname}?${query}`;
  };
  const choose = (locale: Locale) => (event: React.MouseEvent) => {
    event.preventDefault();
    const form = new FormData();
    form.set("lang", locale);
    startTransition(async () => {
      await chooseLanguage(undefined, form);
      // The action's own re-render still carries the language the proxy chose before the cookie was set:
      // render again with a request that carries the new cookie.
      router.refresh();
    });
  };
  return (
    <nav className="language-switch" aria-label={label}>
      <ul>
        {LOCALES.map((locale) => (
          <li key={locale} lang={locale}>
            {locale === current ? (
              <a href={href(locale)} aria-current="true">
                {LOCALE_NAMES[locale]}
              </a>
            ) : (
              <a href={href(locale)} hrefLang={locale} onClick={choose(locale)}>
                {LOCALE_NAMES[locale]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
