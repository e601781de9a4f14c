"use client";
// Basic Data: the on-file details verification checks against. The hidden version refuses a save over
// someone else's newer one.
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { saveBasicData, type BasicDataState } from "../actions";
import type { BasicDataField } from "@/lib/validation/patient-record";
import { PATIENT_FIELD_LABELS } from "../../field-labels";
import { PreferredLanguageField } from "../../preferred-language-field";

const LABELS: Record<BasicDataField, string> = PATIENT_FIELD_LABELS;

export function BasicDataForm({
  patientId,
  version,
  initial,
}: {
  patientId: string;
  version: number;
  initial: Record<BasicDataField, string>;
}) {
  const [state, action, pending] = useActionState<BasicDataState, FormData>(saveBasicData, {});
  const values = state.values ?? initial;
  const saved = !!state.message;
  const stale = !!state.error && !state.errors;
  return (
    // Re-mount the inputs when the server sends back other values (a refused stale save).
    <form action={action} noValidate key={`${state.result?.version ?? version}-${stale}`}>
      {saved ? (
        <p className="notice" role="status">
          {state.message}
        </p>
      ) : (
        <ErrorSummary errors={state.errors} message={state.error} labels={LABELS} />
      )}
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="version" value={state.result?.version ?? version} />
      <div className="form-grid">
        <Field
          name="firstName"
          label="First name"
          defaultValue={values.firstName}
          errors={state.errors?.firstName}
          autoComplete="off"
        />
        <Field
          name="lastName"
          label="Last name"
          defaultValue={values.lastName}
          errors={state.errors?.lastName}
          autoComplete="off"
        />
        <Field
          name="dateOfBirth"
          label="Date of birth"
          hint="MM/DD/YYYY"
          defaultValue={values.dateOfBirth}
          errors={state.errors?.dateOfBirth}
          autoComplete="off"
        />
        <Field
          name="email"
          label="Email"
          type="email"
          required={false}
          hint="Needed for portal access."
          defaultValue={values.email}
          errors={state.errors?.email}
          autoComplete="off"
        />
        <Field
          name="zip"
          label="ZIP code"
          required={false}
          hint="Needed for portal access. 5 digits or ZIP+4."
          defaultValue={values.zip}
          errors={state.errors?.zip}
          autoComplete="off"
        />
        <Field
          name="phone"
          label="Phone"
          type="tel"
          required={false}
          defaultValue={values.phone}
          errors={state.errors?.phone}
          autoComplete="off"
        />
        <Field
          name="addressLine1"
          label="Address"
          required={false}
          defaultValue={values.addressLine1}
          errors={state.errors?.addressLine1}
          autoComplete="off"
        />
        <Field
          name="addressLine2"
          label="Address line 2"
          required={false}
          defaultValue={values.addressLine2}
          errors={state.errors?.addressLine2}
          autoComplete="off"
        />
        <Field
          name="city"
          label="City"
          required={false}
          defaultValue={values.city}
          errors={state.errors?.city}
          autoComplete="off"
        />
        <Field
          name="state"
          label="State"
          required={false}
          hint="2 letters, like IL"
          defaultValue={values.state}
          errors={state.errors?.state}
          autoComplete="off"
        />
        <PreferredLanguageField defaultValue={values.preferredLanguage} errors={state.errors?.preferredLanguage} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : "Save Basic Data"}
      </button>
    </form>
  );
}
