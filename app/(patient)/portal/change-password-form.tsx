"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { PasswordField } from "@/app/_components/password-field";
import { changePatientPassword, type ChangePasswordState } from "./actions";

export function ChangePasswordForm({ hint }: { hint: string }) {
  const t = useTranslations("portal.password");
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePatientPassword, {});
  const labels = { current: t("current"), password: t("new"), confirm: t("confirm") };
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={labels} />
      <PasswordField
        name="current"
        label={labels.current}
        autoComplete="current-password"
        errors={state.errors?.current}
      />
      <PasswordField
        name="password"
        label={labels.password}
        autoComplete="new-password"
        errors={state.errors?.password}
        hint={hint}
      />
      <PasswordField name="confirm" label={labels.confirm} autoComplete="new-password" errors={state.errors?.confirm} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("saving") : t("submit")}
      </button>
    </form>
  );
}
