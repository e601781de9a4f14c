"use client";
// Choose a password for a new staff account. The token rides in a hidden field; the proxy already took it out
// of the address bar.
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { PasswordField } from "@/app/_components/password-field";
import { completeStaffSetupAction, type StaffSetupState } from "./actions";

const LABELS = { password: "New password", confirm: "Confirm new password" };

export function StaffSetupForm({
  token,
  email,
  passwordHint,
  linkProblemView,
}: {
  token: string;
  email: string;
  passwordHint: string;
  linkProblemView: Record<NonNullable<StaffSetupState["result"]>["linkProblem"], React.ReactNode>;
}) {
  const [state, formAction, pending] = useActionState<StaffSetupState, FormData>(completeStaffSetupAction, {});
  if (state.result) return <>{linkProblemView[state.result.linkProblem]}</>;
  return (
    <form action={formAction} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={LABELS} />
      <input type="hidden" name="token" value={token} />
      <p>
        You will sign in with your email address: <strong className="email">{email}</strong>
        {/* Lets password managers store the new password against the right sign-in name. */}
        <input type="hidden" name="username" autoComplete="username" value={email} />
      </p>
      <PasswordField
        name="password"
        label="New password"
        autoComplete="new-password"
        errors={state.errors?.password}
        hint={passwordHint}
      />
      <PasswordField
        name="confirm"
        label="Confirm new password"
        autoComplete="new-password"
        errors={state.errors?.confirm}
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : "Save my password"}
      </button>
    </form>
  );
}
