"use client";
// Adds a passkey to the staff member's account: a name, then the browser's passkey step (PasskeyButton), whose
// answer goes to the server in this form. Needs JavaScript, and says so when it is off.
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { PasskeyButton } from "@/app/_components/passkey-button";
import { type AddPasskeyState, addStaffPasskey, staffPasskeyOptions } from "./actions";

export function AddPasskeyForm() {
  const [state, action] = useActionState<AddPasskeyState, FormData>(addStaffPasskey, {});
  const nameErrors = state.errors?.name;
  return (
    <form action={action} noValidate>
      {state.message ? (
        <p className="notice" role="status">
          {state.message}
        </p>
      ) : (
        <ErrorSummary
          errors={{ "passkey-name": nameErrors, response: state.errors?.response }}
          message={state.error}
          labels={{ "passkey-name": "Name for this passkey", response: "Passkey" }}
        />
      )}
      {/* Its own id: the authenticator form on this page has a "name" field too. */}
      <div className={nameErrors?.length ? "field field-invalid" : "field"}>
        <label htmlFor="passkey-name">Name for this passkey</label>
        <p className="hint" id="passkey-name-hint">
          So you can tell them apart, for example “Work laptop”.
        </p>
        {nameErrors?.length ? (
          <p className="field-error" id="passkey-name-error">
            <span className="visually-hidden">Error: </span>
            {nameErrors[0]}
          </p>
        ) : null}
        <input
          id="passkey-name"
          name="name"
          type="text"
          defaultValue={state.values?.name ?? "Passkey"}
          aria-invalid={nameErrors?.length ? true : undefined}
          aria-describedby={nameErrors?.length ? "passkey-name-hint passkey-name-error" : "passkey-name-hint"}
        />
      </div>
      <PasskeyButton
        ceremony="register"
        getOptions={() => staffPasskeyOptions({}, new FormData())}
        label="Add a passkey"
        otherWay="You can add an authenticator app instead, above."
      />
    </form>
  );
}
