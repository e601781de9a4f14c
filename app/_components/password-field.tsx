"use client";
// A password input with a show/hide toggle; paste is never blocked.
import { useTranslations } from "next-intl";
import { useState } from "react";

export function PasswordField({
  name,
  label,
  autoComplete,
  errors,
  hint,
}: {
  name: string;
  label: string;
  autoComplete: "current-password" | "new-password";
  errors?: string[];
  hint?: string;
}) {
  const t = useTranslations("signIn.field");
  const [shown, setShown] = useState(false);
  const describedBy = [hint ? `${name}-hint` : null, errors?.length ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={errors?.length ? "field field-invalid" : "field"}>
      <label htmlFor={name}>{label}</label>
      {hint && (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p className="field-error" id={`${name}-error`}>
          <span className="visually-hidden">{t("errorPrefix")}</span>
          {errors[0]}
        </p>
      ) : null}
      <div className="password-row">
        <input
          id={name}
          name={name}
          type={shown ? "text" : "password"}
          autoComplete={autoComplete}
          required
          spellCheck={false}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        <button
          type="button"
          className="button-secondary"
          aria-controls={name}
          aria-pressed={shown}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? t("hide") : t("show")}
          <span className="visually-hidden">{t("passwordSuffix")}</span>
        </button>
      </div>
    </div>
  );
}
