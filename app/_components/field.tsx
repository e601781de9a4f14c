// A labelled input with its error tied to it by aria-describedby.
import { useTranslations } from "next-intl";

export function Field({
  name,
  label,
  type = "text",
  autoComplete,
  defaultValue,
  errors,
  hint,
  required = true,
  inputMode,
}: {
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  defaultValue?: string;
  errors?: string[];
  hint?: string;
  required?: boolean;
  inputMode?: "numeric" | "text" | "email";
}) {
  const t = useTranslations("signIn.field");
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={errors?.length ? "field field-invalid" : "field"}>
      <label htmlFor={name}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">{t("errorPrefix")}</span>
          {errors[0]}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        required={required}
        inputMode={inputMode}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
