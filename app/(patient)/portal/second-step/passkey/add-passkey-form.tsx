"use client";
// Adding a passkey: a name, then the browser's own steps (fingerprint, face or PIN). Needs JavaScript, and the
// button says so when it is off.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { PasskeyButton } from "@/app/_components/passkey-button";
import { type AddPasskeyState, addPatientPasskey, patientPasskeyOptions } from "../actions";

export function AddPasskeyForm() {
  const t = useTranslations("secondStep.passkey");
  const [state, action] = useActionState<AddPasskeyState, FormData>(addPatientPasskey, {});
  const labels = { name: t("nameLabel"), response: t("responseLabel") };
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={labels} />
      <Field
        name="name"
        label={labels.name}
        hint={t("nameHint")}
        defaultValue={state.values?.name ?? t("defaultName")}
        errors={state.errors?.name}
        required={false}
      />
      <PasskeyButton
        ceremony="register"
        getOptions={() => patientPasskeyOptions({}, new FormData())}
        label={t("button")}
        otherWay={t("otherWay")}
      />
    </form>
  );
}
