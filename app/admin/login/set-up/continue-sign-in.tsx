"use client";
import { useActionState } from "react";
import type { FormState } from "@/app/_lib/form-state";
import { ErrorSummary } from "@/app/_components/error-summary";
import { continueStaffSignIn } from "./actions";

export function ContinueSignIn({ label = "Continue to the staff pages" }: { label?: string }) {
  const [state, action, pending] = useActionState<FormState<never>, FormData>(continueStaffSignIn, {});
  return (
    <form action={action}>
      <ErrorSummary message={state.error} labels={{}} />
      <button type="submit" className="button" disabled={pending}>
        {label}
      </button>
    </form>
  );
}
