"use client";
// The code from the email that turns emailed codes on: one field, errors in the summary, works without JavaScript.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { CodeField } from "@/app/_components/code-field";
import { ErrorSummary } from "@/app/_components/error-summary";
import { type AddEmailFactorState, addEmailFactor } from "../actions";

export function EmailCodeForm({ hint }: { hint: string }) {
  const t = useTranslations("secondStep.email");
  const [state, action, pending] = useActionState<AddEmailFactorState, FormData>(addEmailFactor, {});
  const label = t("codeLabel");
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={{ code: label }} />
      <CodeField label={label} hint={hint} errors={state.errors?.code} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("checking") : t("submit")}
      </button>
    </form>
  );
}
