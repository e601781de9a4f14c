"use client";
import Link from "next/link";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { addPatientAction, type AddPatientState } from "./actions";
import { PATIENT_FIELD_LABELS } from "../field-labels";
import { PreferredLanguageField } from "../preferred-language-field";

const LABELS: Record<string, string> = PATIENT_FIELD_LABELS;

export function AddPatientForm() {
  const [state, action, pending] = useActionState<AddPatientState, FormData>(addPatientAction, {});
  const v = state.values ?? {};
  const e = state.errors ?? {};
  return (
    <form action={action} noValidate key={JSON.stringify(v)}>
      <ErrorSummary errors={state.errors} message={state.error} labels={LABELS} />
      {state.result?.duplicates && (
        <div className="checkbox warning">
          <input
            type="checkbox"
            id="confirmDuplicate"
            name="confirmDuplicate"
            defaultChecked={v.confirmDuplicate === "on"}
          />
          <label htmlFor="confirmDuplicate">
            This is a different person from{" "}
            {state.result.duplicates.map((d, i) => (
              <span key={d.id}>
                {i > 0 && ", "}
                <Link href={`/admin/patients/${d.id}`}>
                  {d.name} ({d.chartNumber})
                </Link>
              </span>
            ))}
            . Add anyway.
          </label>
        </div>
      )}
      <div className="form-grid">
        <Field
          name="chartNumber"
          label="Chart number"
          defaultValue={v.chartNumber}
          errors={e.chartNumber}
          autoComplete="off"
        />
        <Field name="firstName" label="First name" defaultValue={v.firstName} errors={e.firstName} autoComplete="off" />
        <Field name="lastName" label="Last name" defaultValue={v.lastName} errors={e.lastName} autoComplete="off" />
        <Field
          name="dateOfBirth"
          label="Date of birth"
          hint="MM/DD/YYYY"
          defaultValue={v.dateOfBirth}
          errors={e.dateOfBirth}
          autoComplete="off"
        />
        <Field
          name="email"
          label="Email"
          type="email"
          required={false}
          hint="Needed for portal access."
          defaultValue={v.email}
          errors={e.email}
          autoComplete="off"
        />
        <Field
          name="zip"
          label="ZIP code"
          required={false}
          hint="Needed for portal access."
          defaultValue={v.zip}
          errors={e.zip}
          autoComplete="off"
        />
        <Field
          name="phone"
          label="Phone"
          type="tel"
          required={false}
          defaultValue={v.phone}
          errors={e.phone}
          autoComplete="off"
        />
        <Field
          name="addressLine1"
          label="Address"
          required={false}
          defaultValue={v.addressLine1}
          errors={e.addressLine1}
          autoComplete="off"
        />
        <Field
          name="addressLine2"
          label="Address line 2"
          required={false}
          defaultValue={v.addressLine2}
          errors={e.addressLine2}
          autoComplete="off"
        />
        <Field name="city" label="City" required={false} defaultValue={v.city} errors={e.city} autoComplete="off" />
        <Field
          name="state"
          label="State"
          required={false}
          hint="2 letters, like IL"
          defaultValue={v.state}
          errors={e.state}
          autoComplete="off"
        />
        <PreferredLanguageField defaultValue={v.preferredLanguage} errors={e.preferredLanguage} />
      </div>
      <div className="checkbox">
        <input
          type="checkbox"
          id="portalAccessEnabled"
          name="portalAccessEnabled"
          defaultChecked={v.portalAccessEnabled === "on"}
        />
        <label htmlFor="portalAccessEnabled">Patient Can Access Portal</label>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Adding…" : "Add patient"}
      </button>
    </form>
  );
}
