"use client";
// Choose a username (setup only) and a password. The token rides in a hidden field; the proxy already took
// it out of the address bar.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { PasswordField } from "@/app/_components/password-field";
import type { FormState } from "@/app/_lib/form-state";
import type { LinkState } from "@/lib/tokens/inspect-account-link";

/** What the setup and reset actions answer: field errors, or the link's problem when it cannot be used. */
export type SetPasswordState = FormState<
  "token" | "username" | "password" | "confirm",
  { linkProblem: Exclude<LinkState, "valid"> }
>;

export function SetPasswordForm({
  action,
  token,
  askUsername,
  username,
  passwordHint,
  submitLabel,
  linkProblemView,
}: {
  action: (state: SetPasswordState, form: FormData) => Promise<SetPasswordState>;
  token: string;
  askUsername: boolean;
  username?: string | null;
  passwordHint: string;
  submitLabel: string;
  linkProblemView: Record<NonNullable<SetPasswordState["result"]>["linkProblem"], React.ReactNode>;
}) {
  const t = useTranslations("links.form");
  const labels = { username: t("username"), password: t("newPassword"), confirm: t("confirm") };
  const [state, formAction, pending] = useActionState(action, {});
  if (state.result) return <>{linkProblemView[state.result.linkProblem]}</>;
  return (
    <form action={formAction} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={labels} />
      <input type="hidden" name="token" value={token} />
      {askUsername ? (
        <Field
          name="username"
          label={labels.username}
          autoComplete="username"
          defaultValue={state.values?.username}
          errors={state.errors?.username}
          hint={t("usernameHint")}
        />
      ) : (
        <p>
          {t.rich("usernameShown", { username: username ?? "", strong: (name) => <strong>{name}</strong> })}
          {/* Lets password managers store the new password against the right username. */}
          <input type="hidden" name="username" autoComplete="username" value={username ?? ""} />
        </p>
      )}
      <PasswordField
        name="password"
        label={labels.password}
        autoComplete="new-password"
        errors={state.errors?.password}
        hint={passwordHint}
      />
      <PasswordField name="confirm" label={labels.confirm} autoComplete="new-password" errors={state.errors?.confirm} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("saving") : submitLabel}
      </button>
    </form>
  );
}
