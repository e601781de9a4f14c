"use client";
// With JavaScript the form posts to the sign-in route (./sign-in/route.ts) and, once signed in, loads the page
// it names; without, it is a plain form posted to the server action, which redirects.
import { useTranslations } from "next-intl";
import { signInPatient } from "./actions";
import type { PatientSignInState } from "./sign-in-state";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { PasswordField } from "@/app/_components/password-field";
import { useFormRoute } from "@/app/_components/use-form-route";

export function PatientSignInForm({ username }: { username?: string }) {
  const t = useTranslations("signIn.login");
  const labels = { username: t("username"), password: t("password") };
  const { state, formAction, onSubmit, pending } = useFormRoute<PatientSignInState>({
    route: "/login/sign-in",
    action: signInPatient,
    notSent: t("notSent"),
    next: (answer) => answer.result?.next,
    secret: ["password"],
  });
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={labels} />
      <Field
        name="username"
        label={labels.username}
        autoComplete="username"
        defaultValue={state.values?.username ?? username}
        errors={state.errors?.username}
      />
      <PasswordField
        name="password"
        label={labels.password}
        autoComplete="current-password"
        errors={state.errors?.password}
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("signingIn") : t("submit")}
      </button>
    </form>
  );
}
