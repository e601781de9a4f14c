"use client";
// The four-item form shared by "create my account", "forgot password", "forgot username" and the second step's
// help. After a valid submission it shows the same confirmation whatever our records say. With JavaScript it
// posts to its route (app/_lib/form-route.ts), without to its server action: one body serves both.
import { useTranslations } from "next-intl";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { useFormRoute } from "@/app/_components/use-form-route";
import type { FormState } from "@/app/_lib/form-state";
import type { VerificationField, VerificationInput } from "@/lib/validation/verification-form";

/** What the three verification actions answer: field errors and values, or that the request was taken. */
export type VerificationState = FormState<VerificationInput | VerificationField, { submitted: true }>;

export function VerificationForm({
  route,
  action,
  submitLabel,
  confirmation,
}: {
  /** Where the form posts with JavaScript, e.g. "/register/send". */
  route: string;
  action: (state: VerificationState, form: FormData) => Promise<VerificationState>;
  submitLabel: string;
  confirmation: React.ReactNode;
}) {
  const t = useTranslations("verification.form");
  const tField = useTranslations("signIn.field");
  const labels = { email: t("email"), lastName: t("lastName"), dateOfBirth: t("dateOfBirth"), zip: t("zip") };
  const { state, formAction, onSubmit, pending } = useFormRoute<VerificationState>({
    route,
    action,
    notSent: t("notSent"),
  });
  if (state.result?.submitted)
    return (
      <div className="confirmation" role="status">
        {confirmation}
      </div>
    );
  const v = state.values ?? {};
  const dobError = state.errors?.dateOfBirth;
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={state.errors} message={state.error} labels={labels} />
      <Field
        name="email"
        label={labels.email}
        type="email"
        autoComplete="email"
        defaultValue={v.email}
        errors={state.errors?.email}
        hint={t("emailHint")}
      />
      <Field
        name="lastName"
        label={labels.lastName}
        autoComplete="family-name"
        defaultValue={v.lastName}
        errors={state.errors?.lastName}
      />
      <fieldset
        className={dobError?.length ? "field dob field-invalid" : "field dob"}
        aria-describedby={`dob-hint${dobError?.length ? " dateOfBirth-error" : ""}`}
      >
        <legend>{labels.dateOfBirth}</legend>
        <p className="hint" id="dob-hint">
          {t("dateOfBirthHint")}
        </p>
        {dobError?.length ? (
          <p className="field-error" id="dateOfBirth-error">
            <span className="visually-hidden">{tField("errorPrefix")}</span>
            {dobError[0]}
          </p>
        ) : null}
        <div className="dob-parts">
          <div>
            <label htmlFor="dateOfBirth">{t("month")}</label>
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
            <label htmlFor="dobDay">{t("day")}</label>
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
            <label htmlFor="dobYear">{t("year")}</label>
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
        label={labels.zip}
        autoComplete="postal-code"
        defaultValue={v.zip}
        errors={state.errors?.zip}
        hint={t("zipHint")}
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("sending") : submitLabel}
      </button>
    </form>
  );
}
