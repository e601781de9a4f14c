"use client";
// Recovery codes are shown once: as a list to copy or print, and as a text file to download (a data: link, so
// it works without JavaScript and nothing is stored on the server).
import { useTranslations } from "next-intl";

export function RecoveryCodesList({ codes, practiceName }: { codes: string[]; practiceName: string }) {
  const t = useTranslations("secondStep.recoveryCodes");
  const file = `${t("fileHeader", { practice: practiceName })}\n${t("fileEachOnce")}\n\n${codes.join("\n")}\n`;
  return (
    <section aria-labelledby="recovery-codes-title" className="recovery-codes">
      <h2 id="recovery-codes-title">{t("title")}</h2>
      <p>{t.rich("text", { strong: (c) => <strong>{c}</strong> })}</p>
      <ul className="code-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        {t.rich("download", {
          link: (c) => (
            <a
              className="button-secondary"
              download={t("fileName")}
              href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`}
            >
              {c}
            </a>
          ),
        })}
      </p>
    </section>
  );
}
