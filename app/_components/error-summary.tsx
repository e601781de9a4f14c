"use client";
import { useTranslations } from "next-intl";
// Lists every problem at the top of a form and takes focus, so screen-reader and keyboard users hear them.
import { useEffect, useRef } from "react";

export function ErrorSummary({
  errors,
  message,
  labels,
}: {
  errors?: Partial<Record<string, string[]>>;
  message?: string;
  labels: Record<string, string>;
}) {
  const t = useTranslations("common");
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter(([, v]) => v && v.length > 0) as [string, string[]][];
  const show = entries.length > 0 || !!message;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new submission (new errors) moves focus again
  useEffect(() => {
    if (show) ref.current?.focus();
  }, [show, errors, message]);
  if (!show) return null;
  return (
    <div className="error-summary" role="region" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("errorSummaryTitle")}</h2>
      {message && <p>{message}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, msgs]) => (
            <li key={field}>
              <a href={`#${field}`}>
                {labels[field] ?? field}: {msgs[0]}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
