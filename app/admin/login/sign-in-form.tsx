"use client";
import { useActionState } from "react";
import { signInStaff, type StaffSignInState } from "./actions";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { PasswordField } from "@/app/_components/password-field";

const LABELS = { email: "Email", password: "Password" };

export function StaffSignInForm() {
  const [state, action, pending] = useActionState<StaffSignInState, FormData>(signInStaff, {});
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={LABELS} />
      <Field
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        defaultValue={state.values?.email}
        errors={state.errors?.email}
      />
      <PasswordField name="password" label="Password" autoComplete="current-password" errors={state.errors?.password} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
