"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { FormState } from "@/app/_lib/form-state";
import { ErrorSummary } from "@/app/_components/error-summary";
import { sendPatientSignInCode } from "./actions";

export function SendCodeButton({ label }: { label: string }) {
  const t = useTranslations("signIn.secondStep");
  const [state, action, pending] = useActionState<FormState<never>, FormData>(sendPatientSignInCode, {});
  return (
    <form action={action}>
      <ErrorSummary message={state.error} labels={{}} />
      <button type="submit" className="button-secondary" disabled={pending}>
        {pending ? t("sending") : label}
      </button>
    </form>
  );
}
