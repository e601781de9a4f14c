"use client";
// The code form of a sign-in's second step, for staff and patients: one code field, and for patients the choice
// to trust this browser for 30 days.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { SecondStepState } from "@/app/_lib/second-step-action";
import { CodeField } from "./code-field";
import { ErrorSummary } from "./error-summary";

export function SecondStepForm({
  action: serverAction,
  method,
  label,
  hint,
  offerTrust = false,
}: {
  action: (prev: SecondStepState, form: FormData) => Promise<SecondStepState>;
  method: "totp" | "recovery_code" | "email_code";
  label: string;
  hint: string;
  offerTrust?: boolean;
}) {
  const t = useTranslations("signIn.secondStep");
  const [state, action, pending] = useActionState<SecondStepState, FormData>(serverAction, {});
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={{ code: label }} />
      <input type="hidden" name="method" value={method} />
      <CodeField label={label} hint={hint} errors={state.errors?.code} numeric={method !== "recovery_code"} />
      {offerTrust && (
        <div className="checkbox">
          <input type="checkbox" id="remember" name="remember" defaultChecked={state.values?.remember === "on"} />
          <label htmlFor="remember">{t("trust")}</label>
        </div>
      )}
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("checking") : t("continue")}
      </button>
    </form>
  );
}
