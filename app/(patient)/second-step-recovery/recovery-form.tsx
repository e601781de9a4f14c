"use client";
// The account's password, then the app and passkeys are removed. The token rides in a hidden field; the proxy
// already took it out of the address bar.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { PasswordField } from "@/app/_components/password-field";
import type { FormState } from "@/app/_lib/form-state";
import type { LinkState } from "@/lib/tokens/inspect-account-link";

export type RecoveryState = FormState<
  "token" | "password",
  { linkProblem: Exclude<LinkState, "valid">; removedFor?: never } | { removedFor: string; linkProblem?: never }
>;

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
  const t = useTranslations("links");
  const labels = { password: t("recovery.password") };
  const [state, formAction, pending] = useActionState(action, {});
  if (state.result?.linkProblem) return <>{linkProblemView[state.result.linkProblem]}</>;
  if (state.result?.removedFor)
    return (
      <div className="confirmation" role="status">
        <h2>{t("recovery.removedTitle")}</h2>
        <p>{t("recovery.removedBody")}</p>
        <p>{t("recovery.removedNext")}</p>
        <p>
          <Link className="button" href="/login">
            {t("recovery.signIn")}
          </Link>
        </p>
      </div>
    );
  return (
    <form action={formAction} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={labels} />
      <input type="hidden" name="token" value={token} />
      <p>
        {t.rich("form.usernameShown", { username: username ?? "", strong: (name) => <strong>{name}</strong> })}
        <input type="hidden" name="username" autoComplete="username" value={username ?? ""} />
      </p>
      <PasswordField
        name="password"
        label={labels.password}
        autoComplete="current-password"
        errors={state.errors?.password}
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("recovery.removing") : t("recovery.submit")}
      </button>
    </form>
  );
}
