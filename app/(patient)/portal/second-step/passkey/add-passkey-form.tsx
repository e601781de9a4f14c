"use client";
// Adding a passkey: a name, then the browser's own steps (fingerprint, face or PIN). Needs JavaScript, and the
// button says so when it is off.
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { PasskeyButton } from "@/app/_components/passkey-button";
import { type AddPasskeyState, addPatientPasskey, patientPasskeyOptions } from "../actions";

const LABELS = { name: "Name for this passkey", response: "Passkey" };

export function AddPasskeyForm() {
  const [state, action] = useActionState<AddPasskeyState, FormData>(addPatientPasskey, {});
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={LABELS} />
      <Field
        name="name"
        label={LABELS.name}
        hint="So you can tell your devices apart, for example “My laptop”."
        defaultValue={state.values?.name ?? "Passkey"}
        errors={state.errors?.name}
        required={false}
      />
      <PasskeyButton
        ceremony="register"
        getOptions={() => patientPasskeyOptions({}, new FormData())}
        label="Add a passkey"
        otherWay="You can add a code by email or an authenticator app instead."
      />
    </form>
  );
}
