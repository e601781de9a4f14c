"use client";
// The code from the email that turns emailed codes on: one field, errors in the summary, works without JavaScript.
import { useActionState } from "react";
import { CodeField } from "@/app/_components/code-field";
import { ErrorSummary } from "@/app/_components/error-summary";
import { type AddEmailFactorState, addEmailFactor } from "../actions";

const LABEL = "Code from the email";

export function EmailCodeForm({ hint }: { hint: string }) {
  const [state, action, pending] = useActionState<AddEmailFactorState, FormData>(addEmailFactor, {});
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={{ code: LABEL }} />
      <CodeField label={LABEL} hint={hint} errors={state.errors?.code} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Checking…" : "Turn on codes by email"}
      </button>
    </form>
  );
}
