"use client";
import { useActionState } from "react";
import { signInPatient, type PatientSignInState } from "./actions";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { PasswordField } from "@/app/_components/password-field";

const LABELS = { username: "Username", password: "Password" };

export function PatientSignInForm({ username }: { username?: string }) {
  const [state, action, pending] = useActionState<PatientSignInState, FormData>(signInPatient, {});
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={LABELS} />
      <Field
        name="username"
        label="Username"
        autoComplete="username"
        defaultValue={state.values?.username ?? username}
        errors={state.errors?.username}
      />
      <PasswordField name="password" label="Password" autoComplete="current-password" errors={state.errors?.password} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
