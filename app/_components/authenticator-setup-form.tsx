"use client";
// Adds an authenticator app: the QR code and the key as text, a name, and the first code the app shows. A refused
// code shows the same key again, so the app already set up still matches.
import { useActionState } from "react";
import type { FormState } from "@/app/_lib/form-state";
import type { AuthenticatorOfferView } from "@/lib/second-factor/authenticator-qr";
import { CodeField } from "./code-field";
import { ErrorSummary } from "./error-summary";
import { Field } from "./field";

export type AddAuthenticatorState = FormState<"offer" | "code" | "name", AddAuthenticatorResult>;
export type AddAuthenticatorResult = { offer?: AuthenticatorOfferView; recoveryCodes?: string[] };

const LABELS = { code: "Code from the app", name: "Name for this app", offer: "Key" };

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
  const [state, action, pending] = useActionState<AddAuthenticatorState, FormData>(serverAction, {});
  if (state.message && done && state.result) return done(state.result);
  const offer = state.result?.offer ?? firstOffer;
  return (
    <>
      <form action={action} noValidate>
        <ErrorSummary errors={state.errors} message={state.error} labels={LABELS} />
        <ol className="steps">
          <li>
            <p>Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator).</p>
          </li>
          <li>
            <p>Scan this QR code with the app:</p>
            <figure className="qr-code">
              {/* A data: image drawn on the server by the qrcode library from our own otpauth:// address. */}
              <img src={offer.qrImage} alt="QR code to scan with your authenticator app" width={200} height={200} />
              <figcaption>
                Cannot scan it? Type this key into the app instead: <code className="key-text">{offer.key}</code>
              </figcaption>
            </figure>
          </li>
          <li>
            <p>Type the 6-digit code the app now shows.</p>
          </li>
        </ol>
        <input type="hidden" name="offer" value={offer.sealedOffer} />
        <Field
          name="name"
          label="Name for this app"
          hint="So you can tell your devices apart, for example “Work phone”."
          defaultValue={state.values?.name ?? "Authenticator app"}
          errors={state.errors?.name}
          required={false}
        />
        <CodeField label="Code from the app" hint="6 digits, for example 123456." errors={state.errors?.code} />
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Checking…" : submitLabel}
        </button>
      </form>
      {after}
    </>
  );
}
