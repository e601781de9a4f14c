"use client";
// Adds an authenticator app: the QR code and the key as text, a name, and the first code the app shows. A refused
// code shows the same key again, so the app already set up still matches.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { FormState } from "@/app/_lib/form-state";
import type { AuthenticatorOfferView } from "@/lib/second-factor/authenticator-qr";
import { CodeField } from "./code-field";
import { ErrorSummary } from "./error-summary";
import { Field } from "./field";

export type AddAuthenticatorState = FormState<"offer" | "code" | "name", AddAuthenticatorResult>;
export type AddAuthenticatorResult = { offer?: AuthenticatorOfferView; recoveryCodes?: string[] };

export function AuthenticatorSetupForm({
  offer: firstOffer,
  action: serverAction,
  submitLabel,
  done,
  after,
}: {
  offer: AuthenticatorOfferView;
  action: (prev: AddAuthenticatorState, form: FormData) => Promise<AddAuthenticatorState>;
  submitLabel: string;
  /** What to show once the app is added (for staff: their recovery codes). */
  done?: (result: AddAuthenticatorResult) => React.ReactNode;
  /** Shown below the form until the app is added (another way to set up, for staff: a passkey). */
  after?: React.ReactNode;
}) {
  const t = useTranslations("secondStep.appForm");
  const [state, action, pending] = useActionState<AddAuthenticatorState, FormData>(serverAction, {});
  const labels = { code: t("codeLabel"), name: t("nameLabel"), offer: t("keyLabel") };
  if (state.message && done && state.result) return done(state.result);
  const offer = state.result?.offer ?? firstOffer;
  return (
    <>
      <form action={action} noValidate>
        <ErrorSummary errors={state.errors} message={state.error} labels={labels} />
        <ol className="steps">
          <li>
            <p>{t("openApp")}</p>
          </li>
          <li>
            <p>{t("scan")}</p>
            <figure className="qr-code">
              {/* A data: image drawn on the server by the qrcode library from our own otpauth:// address. */}
              <img src={offer.qrImage} alt={t("qrAlt")} width={200} height={200} />
              <figcaption>
                {t.rich("cannotScan", { key: offer.key, code: (c) => <code className="key-text">{c}</code> })}
              </figcaption>
            </figure>
          </li>
          <li>
            <p>{t("typeCode")}</p>
          </li>
        </ol>
        <input type="hidden" name="offer" value={offer.sealedOffer} />
        <Field
          name="name"
          label={labels.name}
          hint={t("nameHint")}
          defaultValue={state.values?.name ?? t("defaultName")}
          errors={state.errors?.name}
          required={false}
        />
        <CodeField label={labels.code} hint={t("codeHint")} errors={state.errors?.code} />
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("checking") : submitLabel}
        </button>
      </form>
      {after}
    </>
  );
}
