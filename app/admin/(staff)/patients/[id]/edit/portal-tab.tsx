// The Patient Portal tab: access switch, the account (never its password), the last link email, and
// "Send invitation/reset email", disabled with the reason when it cannot work.
import type { PatientDash } from "@/db/queries/patients";
import type { getPortalTab } from "@/db/queries/patient-portal-tab";
import { StatusIcon } from "@/app/_components/status-icon";
import { REASON_TEXT, formatDateTime } from "@/lib/patients/portal-status-text";
import { inactiveReasons } from "@/lib/patients/portal-status";
import { emailChangeConfirmHours, emailChangedRecently } from "@/lib/patients/email-changed-recently";
import { secondStepState } from "@/lib/patients/second-step-state";
import { PortalAccessForm, RemoveSecondStepForm, SendInvitationForm, UnlockForm } from "./portal-forms";

const EMAIL_STATE: Record<string, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  held: "Not sent",
};
const TEMPLATE: Record<string, string> = {
  setup_link: "Invitation (account setup link)",
  reset_link: "Password reset link",
  already_registered: "“You already have an account” with a reset link",
  no_account_yet: "“No account yet” with a setup link",
};

export function PortalTab({
  patient,
  portal,
}: {
  patient: PatientDash;
  portal: Awaited<ReturnType<typeof getPortalTab>>;
}) {
  const now = new Date();
  const blockers = inactiveReasons({ ...patient, email: patient.email, zip: patient.zip });
  const locked = portal.account?.lockedUntil && portal.account.lockedUntil > now ? portal.account.lockedUntil : null;
  const recentEmailChange = emailChangedRecently({ emailChangedAt: portal.emailChangedAt, now });
  const hasSecondStep = Object.values(portal.secondSteps).some((n) => n > 0);
  return (
    <div className="portal-tab">
      <p className="status-line">
        <StatusIcon status={patient.status} />
      </p>
      <PortalAccessForm patientId={patient.id} enabled={patient.portalAccessEnabled} />

      <h2>Portal account</h2>
      {portal.account ? (
        <dl className="facts">
          <dt>Username</dt>
          <dd>{portal.account.username}</dd>
          <dt>Activated</dt>
          <dd>
            {portal.account.activatedAt ? formatDateTime(portal.account.activatedAt) : "Not yet: has never signed in"}
          </dd>
          <dt>Last sign-in</dt>
          <dd>{portal.account.lastLoginAt ? formatDateTime(portal.account.lastLoginAt) : "Never"}</dd>
          <dt>Sign-in</dt>
          <dd>
            {locked ? (
              <strong>Locked until {formatDateTime(locked)} after too many wrong passwords</strong>
            ) : (
              "Not locked"
            )}
          </dd>
        </dl>
      ) : (
        <p>No account yet: the patient has not chosen a username and password.</p>
      )}
      {locked && <UnlockForm patientId={patient.id} />}

      <h2>Second step</h2>
      <dl className="facts">
        <dt>Second sign-in step</dt>
        <dd>{secondStepState(portal.secondSteps)}</dd>
      </dl>
      <RemoveSecondStepForm
        patientId={patient.id}
        hasSecondStep={hasSecondStep}
        askCallerVerified={recentEmailChange}
        emailChangeWindowHours={emailChangeConfirmHours()}
      />

      <h2>Last invitation or reset email</h2>
      {portal.lastEmail ? (
        <dl className="facts">
          <dt>Email</dt>
          <dd>{TEMPLATE[portal.lastEmail.template] ?? portal.lastEmail.template}</dd>
          <dt>State</dt>
          <dd>
            {EMAIL_STATE[portal.lastEmail.status]}
            {portal.lastEmail.status === "sent" && portal.lastEmail.sentAt
              ? ` ${formatDateTime(portal.lastEmail.sentAt)}`
              : ""}
            {portal.lastEmail.lastError && portal.lastEmail.status !== "sent" ? `: ${portal.lastEmail.lastError}` : ""}
          </dd>
          <dt>Queued</dt>
          <dd>{formatDateTime(portal.lastEmail.createdAt)}</dd>
        </dl>
      ) : (
        <p>None sent yet.</p>
      )}

      <SendInvitationForm
        patientId={patient.id}
        hasAccount={!!portal.account}
        blockedBecause={blockers.map((r) => REASON_TEXT[r])}
        askEmailChangeConfirmation={recentEmailChange}
        emailChangeWindowHours={emailChangeConfirmHours()}
      />
      <p className="hint">
        Staff never see or set a patient&apos;s password: the patient chooses it from the emailed link.
      </p>
    </div>
  );
}
