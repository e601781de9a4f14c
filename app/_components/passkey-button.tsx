"use client";
// A passkey button inside a normal form: it asks the server for the ceremony's options (an action passed in),
// runs the browser's passkey step, puts the answer as JSON into a hidden field and submits the form, so the
// answer goes through the form's own action. It says plainly when the browser has no passkeys, when the step was
// cancelled, and (in <noscript>) that passkeys need JavaScript; the page keeps its other way in.
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { type MouseEvent, useEffect, useId, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { type PasskeyCeremony, passkeyFailure } from "./passkey-messages";

/** What an options action answers (a formAction with no fields): the options, or a refusal to show. */
type OptionsState<O> = { error?: string; result?: O };

type Ceremony =
  | { ceremony: "register"; getOptions: () => Promise<OptionsState<PublicKeyCredentialCreationOptionsJSON>> }
  | { ceremony: "authenticate"; getOptions: () => Promise<OptionsState<PublicKeyCredentialRequestOptionsJSON>> };

export type PasskeyButtonProps = Ceremony & {
  /** The button's words: "Sign in with a passkey", "Add a passkey". */
  label: string;
  /** The hidden field the answer goes into (the action's schema reads it); "response" unless said. */
  fieldName?: string;
  /** The other way in, added after a failure and to the no-JavaScript note: "Sign in with your password instead." */
  otherWay?: string;
};

export function PasskeyButton(props: PasskeyButtonProps) {
  const { label, fieldName = "response", otherWay } = props;
  const t = useTranslations("signIn.passkey");
  const failureMessage = (error: unknown, ceremony: PasskeyCeremony) => t(passkeyFailure(error, ceremony));
  const statusId = useId();
  const answer = useRef<HTMLInputElement>(null);
  const { pending } = useFormStatus();
  // null until the browser is asked (and without JavaScript): no button that could not work.
  const [supported, setSupported] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");

  useEffect(() => {
    // What @simplewebauthn/browser's browserSupportsWebAuthn checks; the library itself loads only when the
    // button is pressed, so pages with a passkey button stay within their first-load JavaScript budget.
    setSupported(typeof window.PublicKeyCredential === "function");
  }, []);

  // Once the form's action has answered, the answer sent is spent: never send it again.
  useEffect(() => {
    if (!pending && answer.current) answer.current.value = "";
    if (!pending) setStatus((s) => (s === t("checking") ? "" : s));
  }, [pending, t]);

  const fail = (text: string) => {
    setStatus(otherWay ? `${text} ${otherWay}` : text);
    setBusy(false);
  };

  async function ceremony(button: HTMLButtonElement) {
    setBusy(true);
    setStatus(t("preparing"));
    let json: string;
    // Fetched while the server prepares the options, so the browser's step still follows the press at once.
    const library = import("@simplewebauthn/browser");
    library.catch(() => {}); // a failed load is reported where it is awaited
    try {
      if (props.ceremony === "register") {
        const state = await props.getOptions();
        if (!state.result) return fail(state.error ?? failureMessage(null, "register"));
        setStatus(t("register"));
        const { startRegistration } = await library;
        json = JSON.stringify(await startRegistration({ optionsJSON: state.result }));
      } else {
        const state = await props.getOptions();
        if (!state.result) return fail(state.error ?? failureMessage(null, "authenticate"));
        setStatus(t("authenticate"));
        const { startAuthentication } = await library;
        json = JSON.stringify(await startAuthentication({ optionsJSON: state.result }));
      }
    } catch (error) {
      return fail(failureMessage(error, props.ceremony));
    }
    if (!answer.current) return fail(failureMessage(null, props.ceremony));
    answer.current.value = json;
    setStatus(t("checking"));
    setBusy(false);
    button.form?.requestSubmit(button);
  }

  // A submit button, so Enter in the form's other fields starts the passkey step too. A click never submits by
  // itself: the form is submitted (requestSubmit, which fires no click) once the answer is in the hidden field.
  function onClick(event: MouseEvent<HTMLButtonElement>) {
    event.preventDefault();
    if (!busy && !pending) void ceremony(event.currentTarget);
  }

  return (
    <div className="passkey">
      <input type="hidden" name={fieldName} ref={answer} defaultValue="" />
      {supported && (
        <button
          type="submit"
          onClick={onClick}
          aria-disabled={busy || pending}
          aria-describedby={status ? statusId : undefined}
        >
          {label}
        </button>
      )}
      {/* A live region without the status role: the page's own notices stay the one status a page has. */}
      <p id={statusId} aria-live="polite" aria-atomic="true" className="passkey-status">
        {supported === false ? [t("unsupported"), otherWay].filter(Boolean).join(" ") : status}
      </p>
      <noscript>
        <p>{[t("noScript"), otherWay].filter(Boolean).join(" ")}</p>
      </noscript>
    </div>
  );
}
