"use client";
// "Recovery codes: n left", a warning from 3 left, and "Make new recovery codes", which asks for the password
// again and then shows the ten new codes once.
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { PasswordField } from "@/app/_components/password-field";
import { RecoveryCodesList } from "@/app/_components/recovery-codes-list";
import { recoveryCodesLow } from "@/lib/second-factor/recovery-codes-low";
import { makeNewRecoveryCodes, type NewRecoveryCodesState } from "./actions";

export function RecoveryCodesPanel({ left, practiceName }: { left: number; practiceName: string }) {
  const [state, action, pending] = useActionState<NewRecoveryCodesState, FormData>(makeNewRecoveryCodes, {});
  if (state.result?.codes) {
    return (
      <section aria-labelledby="recovery-title">
        <h2 id="recovery-title">Recovery codes</h2>
        <p className="notice" role="status">
          {state.message}
        </p>
        <RecoveryCodesList codes={state.result.codes} practiceName={practiceName} />
      </section>
    );
  }
  return (
    <section aria-labelledby="recovery-title">
      <h2 id="recovery-title">Recovery codes</h2>
      <p>
        <strong>Recovery codes: {left} left.</strong> Each one signs you in once if you lose your phone or passkey.
      </p>
      {recoveryCodesLow(left) && (
        <p className="banner-warning">
          {left === 0
            ? "You have no recovery codes left."
            : `You have only ${left} recovery ${left === 1 ? "code" : "codes"} left.`}{" "}
          Make new ones now, so a lost phone does not lock you out.
        </p>
      )}
      <h3>Make new recovery codes</h3>
      <p>You get ten new codes, shown once. Your earlier codes stop working. Type your password to go on.</p>
      <form action={action} noValidate>
        <ErrorSummary errors={state.errors} message={state.error} labels={{ password: "Your password" }} />
        <PasswordField
          name="password"
          label="Your password"
          autoComplete="current-password"
          errors={state.errors?.password}
        />
        <button type="submit" className="button" disabled={pending}>
          Make new recovery codes
        </button>
      </form>
    </section>
  );
}
