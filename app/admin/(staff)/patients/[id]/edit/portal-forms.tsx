"use client";
import { useActionState, useState } from "react";
import {
  removeSecondStep,
  savePortalAccess,
  sendInvitation,
  unlockPatientAccount,
  type PortalActionState,
} from "../actions";

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

export function PortalAccessForm({ patientId, enabled }: { patientId: string; enabled: boolean }) {
  const [state, action, pending] = useActionState<PortalActionState, FormData>(savePortalAccess, {});
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="patientId" value={patientId} />
      <div className="checkbox">
        <input type="checkbox" id="portalAccessEnabled" name="portalAccessEnabled" defaultChecked={enabled} />
        <label htmlFor="portalAccessEnabled">Patient Can Access Portal</label>
      </div>
      <button type="submit" className="button-secondary" disabled={pending}>
        Save portal access
      </button>
      <Outcome state={state} />
    </form>
  );
}

export function SendInvitationForm({
  patientId,
  hasAccount,
  blockedBecause,
  askEmailChangeConfirmation,
  emailChangeWindowHours,
}: {
  patientId: string;
  hasAccount: boolean;
  blockedBecause: string[];
  askEmailChangeConfirmation: boolean;
  /** EMAIL_CHANGE_CONFIRM_HOURS, passed in: the configuration is read on the server. */
  emailChangeWindowHours: number;
}) {
  const [state, action, pending] = useActionState<PortalActionState, FormData>(sendInvitation, {});
  const blocked = blockedBecause.length > 0;
  return (
    <form action={action} className="invite-form">
      <input type="hidden" name="patientId" value={patientId} />
      <p>
        {hasAccount
          ? "Sends a link to choose a new password to the email address on file, without the patient having to verify their details."
          : "Sends a link to set up a username and password to the email address on file, without the patient having to verify their details."}
      </p>
      {(askEmailChangeConfirmation || state.result?.needsEmailChangeConfirmation) && !blocked && (
        <div className="checkbox warning">
          <input type="checkbox" id="emailChangeConfirmed" name="emailChangeConfirmed" />
          <label htmlFor="emailChangeConfirmed">
            The email address was changed in the last {emailChangeWindowHours} hours. I checked the change with the
            patient (for example by calling the phone number on file).
          </label>
        </div>
      )}
      <button
        type="submit"
        className="button"
        disabled={blocked || pending}
        aria-describedby={blocked ? "invite-blocked" : undefined}
      >
        Send invitation/reset email
      </button>
      {blocked && (
        <p className="hint" id="invite-blocked">
          Cannot send: {blockedBecause.join("; ")}.
        </p>
      )}
      <Outcome state={state} />
    </form>
  );
}

export function UnlockForm({ patientId }: { patientId: string }) {
  const [state, action, pending] = useActionState<PortalActionState, FormData>(unlockPatientAccount, {});
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="patientId" value={patientId} />
      <button type="submit" className="button-secondary" disabled={pending}>
        Unlock
      </button>
      <Outcome state={state} />
    </form>
  );
}

export function RemoveSecondStepForm({
  patientId,
  hasSecondStep,
  askCallerVerified,
  emailChangeWindowHours,
}: {
  patientId: string;
  hasSecondStep: boolean;
  askCallerVerified: boolean;
  /** EMAIL_CHANGE_CONFIRM_HOURS, passed in: the configuration is read on the server. */
  emailChangeWindowHours: number;
}) {
  const [state, action, pending] = useActionState<PortalActionState, FormData>(removeSecondStep, {});
  // A second click, after the consequences are spelled out: removing signs the patient out everywhere.
  const [confirming, setConfirming] = useState(false);
  // Kept after a removal (the page re-renders with nothing left to remove) so the answer stays on screen.
  if (state.message) return <Outcome state={state} />;
  if (!hasSecondStep) return <p className="hint">Nothing to remove: the patient signs in with their password alone.</p>;
  return (
    <form action={action} className="invite-form">
      <input type="hidden" name="patientId" value={patientId} />
      {!confirming ? (
        <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
          Remove second step
        </button>
      ) : (
        <>
          <p>
            Remove every second step of this patient? They will be signed out everywhere, told by email, and can then
            sign in with their username and password alone until they add a new second step.
          </p>
          {(askCallerVerified || state.result?.needsEmailChangeConfirmation) && (
            <div className="checkbox warning">
              <input type="checkbox" id="callerVerified" name="callerVerified" />
              <label htmlFor="callerVerified">
                The email address was changed in the last {emailChangeWindowHours} hours. I verified the caller&apos;s
                identity (for example by calling the phone number on file).
              </label>
            </div>
          )}
          <button type="submit" className="button" disabled={pending}>
            Yes, remove second step
          </button>{" "}
          <button type="button" className="button-secondary" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </button>
        </>
      )}
      <Outcome state={state} />
    </form>
  );
}
