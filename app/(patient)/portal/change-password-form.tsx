"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { PasswordField } from "@/app/_components/password-field";
import { changePatientPassword, type ChangePasswordState } from "./actions";

const LABELS = { current: "Current password", password: "New password", confirm: "Confirm new password" };

export function ChangePasswordForm({ hint }: { hint: string }) {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePatientPassword, {});
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={LABELS} />
      <PasswordField
        name="current"
        label="Current password"
        autoComplete="current-password"
        errors={state.errors?.current}
      />
      <PasswordField
        name="password"
        label="New password"
        autoComplete="new-password"
        errors={state.errors?.password}
        hint={hint}
      />
      <PasswordField
        name="confirm"
        label="Confirm new password"
        autoComplete="new-password"
        errors={state.errors?.confirm}
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
