"use client";
// The four-item form shared by "create my account", "forgot password" and "forgot username". After a valid
// submission it shows the same confirmation whatever our records say.
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import type { FormState } from "@/app/_lib/form-state";
import type { VerificationField, VerificationInput } from "@/lib/validation/verification-form";

/** What the three verification actions answer: field errors and values, or that the request was taken. */
export type VerificationState = FormState<VerificationInput | VerificationField, { submitted: true }>;

const LABELS = { email: "Email", lastName: "Last name", dateOfBirth: "Date of birth", zip: "ZIP code" };

export function VerificationForm({
  action,
  submitLabel,
  confirmation,
}: {
  action: (state: VerificationState, form: FormData) => Promise<VerificationState>;
  submitLabel: string;
  confirmation: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.result?.submitted)
    return (
      <div className="confirmation" role="status">
        {confirmation}
      </div>
    );
  const v = state.values ?? {};
  const dobError = state.errors?.dateOfBirth;
  return (
    <form action={formAction} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={LABELS} />
      <Field
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        defaultValue={v.email}
        errors={state.errors?.email}
        hint="The email address the practice has for you."
      />
      <Field
        name="lastName"
        label="Last name"
        autoComplete="family-name"
        defaultValue={v.lastName}
        errors={state.errors?.lastName}
      />
      <fieldset
        className={dobError?.length ? "field dob field-invalid" : "field dob"}
        aria-describedby={`dob-hint${dobError?.length ? " dateOfBirth-error" : ""}`}
      >
        <legend>Date of birth</legend>
        <p className="hint" id="dob-hint">
          For example, 3 27 1980
        </p>
        {dobError?.length ? (
          <p className="field-error" id="dateOfBirth-error">
            <span className="visually-hidden">Error: </span>
            {dobError[0]}
          </p>
        ) : null}
        <div className="dob-parts">
          <div>
            <label htmlFor="dateOfBirth">Month</label>
            <input
              id="dateOfBirth"
              name="dobMonth"
              inputMode="numeric"
              autoComplete="bday-month"
              maxLength={2}
              size={2}
              defaultValue={v.dobMonth}
              aria-invalid={dobError?.length ? true : undefined}
            />
          </div>
          <div>
            <label htmlFor="dobDay">Day</label>
            <input
              id="dobDay"
              name="dobDay"
              inputMode="numeric"
              autoComplete="bday-day"
              maxLength={2}
              size={2}
              defaultValue={v.dobDay}
              aria-invalid={dobError?.length ? true : undefined}
            />
          </div>
          <div>
            <label htmlFor="dobYear">Year</label>
            <input
              id="dobYear"
              name="dobYear"
              inputMode="numeric"
              autoComplete="bday-year"
              maxLength={4}
              size={4}
              defaultValue={v.dobYear}
              aria-invalid={dobError?.length ? true : undefined}
            />
          </div>
        </div>
      </fieldset>
      <Field
        name="zip"
        label="ZIP code"
        autoComplete="postal-code"
        defaultValue={v.zip}
        errors={state.errors?.zip}
        hint="5 digits, like 62701, or ZIP+4, like 62701-1234."
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Sending…" : submitLabel}
      </button>
    </form>
  );
}
