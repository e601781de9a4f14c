"use client";
// "Sign in with a passkey", and a passkey as the second step: a form whose only input is the browser's answer,
// which the passkey button fills in and submits (app/_components/passkey-button.tsx). Passkeys need JavaScript;
// the button says so, and names the other way in, without it.
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import type { PasskeyOptionsState, PasskeySignInState } from "@/app/_lib/passkey-actions";
import { ErrorSummary } from "./error-summary";
import { PasskeyButton } from "./passkey-button";

export function PasskeySignInForm({
  action: serverAction,
  options,
  label,
  otherWay,
  offerTrust = false,
}: {
  action: (prev: PasskeySignInState, form: FormData) => Promise<PasskeySignInState>;
  options: (prev: PasskeyOptionsState, form: FormData) => Promise<PasskeyOptionsState>;
  label: string;
  otherWay: string;
  offerTrust?: boolean;
}) {
  const t = useTranslations("signIn");
  const [state, action] = useActionState<PasskeySignInState, FormData>(serverAction, {});
  const trustId = useId();
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={{ response: t("passkey.label") }} />
      {offerTrust && (
        <div className="checkbox">
          <input type="checkbox" id={trustId} name="remember" defaultChecked={state.values?.remember === "on"} />
          <label htmlFor={trustId}>{t("secondStep.trust")}</label>
        </div>
      )}
      <PasskeyButton
        ceremony="authenticate"
        getOptions={() => options({}, new FormData())}
        label={label}
        otherWay={otherWay}
      />
    </form>
  );
}
