"use client";
// Links a patient asked for just after their email changed, held until staff check with the patient.
import { useActionState } from "react";
import type { PortalActionState } from "./actions";
import { discardHeldLink, releaseHeldLink } from "./held-link-actions";

const FLOW_TEXT: Record<string, string> = {
  register: "Create account",
  forgot_password: "Forgot password",
  forgot_username: "Forgot username",
  // Releasing sends the usual setup or reset link; the second step itself is removed with "Remove second step"
  // on the Patient Portal tab, once the caller is verified.
  second_step_recovery: "Cannot get sign-in code",
};

function Outcome({ state }: { state: PortalActionState }) {
  if (state.error)
    return (
      <p className="field-error" role="alert">
        {state.error}
      </p>
    );
  if (state.message)
    return (
      <p className="notice" role="status">
        {state.message}
      </p>
    );
  return null;
}

export function HeldLinks({
  patientId,
  requests,
}: {
  patientId: string;
  requests: { id: string; flow: string; at: string }[];
}) {
  const [released, release, releasing] = useActionState<PortalActionState, FormData>(releaseHeldLink, {});
  const [discarded, discard, discarding] = useActionState<PortalActionState, FormData>(discardHeldLink, {});
  const done = !!released.message || !!discarded.message;
  return (
    <section className="held-links" aria-labelledby="held-links-title">
      <h3 id="held-links-title">Held link request</h3>
      {!done && (
        <>
          <p>
            Someone asked for a portal link for this patient just after the email address on file was changed, so the
            link was not sent. The previous email address (if there was one) was told. Call the patient on the number on
            file before you release it.
          </p>
          <ul aria-label="Held requests">
            {requests.map((r) => (
              <li key={r.id}>
                {FLOW_TEXT[r.flow] ?? r.flow}, asked at {r.at}
              </li>
            ))}
          </ul>
          <form action={release} className="invite-form">
            <input type="hidden" name="patientId" value={patientId} />
            <div className="checkbox warning">
              <input type="checkbox" id="heldLinkVerified" name="verified" />
              <label htmlFor="heldLinkVerified">
                I checked with the patient (for example by calling the phone number on file) that they asked for this
                link.
              </label>
            </div>
            <button type="submit" className="button" disabled={releasing || discarding}>
              Release
            </button>
          </form>
          <form action={discard} className="inline-form">
            <input type="hidden" name="patientId" value={patientId} />
            <button type="submit" className="button-secondary" disabled={releasing || discarding}>
              Discard
            </button>
          </form>
        </>
      )}
      <Outcome state={released} />
      <Outcome state={discarded} />
    </section>
  );
}
