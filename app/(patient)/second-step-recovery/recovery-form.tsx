"use client";
// The account's password, then the app and passkeys are removed. The token rides in a hidden field; the proxy
// already took it out of the address bar.
import Link from "next/link";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { PasswordField } from "@/app/_components/password-field";
import type { FormState } from "@/app/_lib/form-state";
import type { LinkState } from "@/lib/tokens/inspect-account-link";

export type RecoveryState = FormState<
  "token" | "password",
  { linkProblem: Exclude<LinkState, "valid">; removedFor?: never } | { removedFor: string; linkProblem?: never }
>;

const LABELS = { password: "Password" };

export function RecoveryForm({
  action,
  token,
  username,
  linkProblemView,
}: {
  action: (state: RecoveryState, form: FormData) => Promise<RecoveryState>;
  token: string;
  username: string | null;
  linkProblemView: Record<Exclude<LinkState, "valid">, React.ReactNode>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.result?.linkProblem) return <>{linkProblemView[state.result.linkProblem]}</>;
  if (state.result?.removedFor)
    return (
      <div className="confirmation" role="status">
        <h2>Your second sign-in step was removed</h2>
        <p>
          Your authenticator app and passkeys no longer work for this account, and you were signed out everywhere. You
          can sign in now with your username and password.
        </p>
        <p>
          Then add a new second step on your portal page (“Add a second step to your sign-in”), to keep your account
          safe.
        </p>
        <p>
          <Link className="button" href="/login">
            Sign in
          </Link>
        </p>
      </div>
    );
  return (
    <form action={formAction} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={LABELS} />
      <input type="hidden" name="token" value={token} />
      <p>
        Username: <strong>{username}</strong>
        <input type="hidden" name="username" autoComplete="username" value={username ?? ""} />
      </p>
      <PasswordField name="password" label="Password" autoComplete="current-password" errors={state.errors?.password} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Removing…" : "Remove my second step"}
      </button>
    </form>
  );
}
