"use client";
// Removing one second step: the patient ticks that they mean it, so one stray click removes nothing. A plain
// form, so it works without JavaScript.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { type RemoveFactorState, removePatientFactor } from "../actions";

export function RemoveFactorForm({ factorId, what }: { factorId: string; what: string }) {
  const t = useTranslations("secondStep.remove");
  const [state, action, pending] = useActionState<RemoveFactorState, FormData>(removePatientFactor, {});
  const error = state.errors?.confirm?.[0];
  return (
    <form action={action} noValidate>
      <ErrorSummary
        errors={{ confirm: state.errors?.confirm }}
        message={state.error}
        labels={{ confirm: t("confirmLabel") }}
      />
      <input type="hidden" name="factorId" value={factorId} />
      <div className={error ? "checkbox field-invalid" : "checkbox"}>
        <input type="checkbox" id="confirm" name="confirm" aria-describedby={error ? "confirm-error" : undefined} />
        <label htmlFor="confirm">{t("confirm", { what })}</label>
      </div>
      {error && (
        <p className="field-error" id="confirm-error">
          <span className="visually-hidden">{t("errorPrefix")}</span>
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("removing") : t("submit")}
      </button>
    </form>
  );
}
