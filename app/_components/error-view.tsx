"use client";
import { useTranslations } from "next-intl";
// What anyone sees when something fails on our side (say, the database is restarting): a clear page, never a hang.
export function ErrorView({ reset, help }: { reset: () => void; help?: string }) {
  const t = useTranslations("common");
  return (
    <main id="main" className="narrow">
      <h1>{t("errorTitle")}</h1>
      <p>{t("errorNotYou")}</p>
      <p>{help ?? t("errorHelp")}</p>
      <button type="button" className="button" onClick={reset}>
        {t("tryAgain")}
      </button>
    </main>
  );
}
