"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signInPatient, type PatientSignInState } from "./actions";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { PasswordField } from "@/app/_components/password-field";

export function PatientSignInForm({ username }: { username?: string }) {
  const t = useTranslations("signIn.login");
  const labels = { username: t("username"), password: t("password") };
  const [state, action, pending] = useActionState<PatientSignInState, FormData>(signInPatient, {});
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={labels} />
      <Field
        name="username"
        label={labels.username}
        autoComplete="username"
        defaultValue={state.values?.username ?? username}
        errors={state.errors?.username}
      />
      <PasswordField
        name="password"
        label={labels.password}
        autoComplete="current-password"
        errors={state.errors?.password}
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("signingIn") : t("submit")}
      </button>
    </form>
  );
}
