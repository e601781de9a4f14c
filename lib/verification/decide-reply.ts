// The outcome table of the verification forms: which email the matched (or unmatched) details earn.
import type { VerificationFlow } from "./request-verification";

export type MatchedPatient = {
  canAccessPortal: boolean;
  hasAccount: boolean;
  /** An authenticator app or a passkey: what a second-step recovery link removes (the emailed code stays). */
  hasAppOrPasskey?: boolean;
};

export type Reply =
  | { send: "setup_link" }
  | { send: "reset_link" }
  | { send: "already_registered" }
  | { send: "username_reminder" }
  | { send: "no_account_yet" }
  | { send: "second_step_recovery_link" }
  | { send: "no_second_step_to_remove" }
  | { send: "access_off" }
  | { send: "could_not_verify" };

export function decideReply(flow: VerificationFlow, patient: MatchedPatient | null): Reply {
  if (!patient) return { send: "could_not_verify" };
  if (!patient.canAccessPortal) return { send: "access_off" };
  switch (flow) {
    case "register":
      return patient.hasAccount ? { send: "already_registered" } : { send: "setup_link" };
    case "forgot_password":
      return patient.hasAccount ? { send: "reset_link" } : { send: "setup_link" };
    case "forgot_username":
      return patient.hasAccount ? { send: "username_reminder" } : { send: "no_account_yet" };
    // No account: nothing to sign in to, so the setup link it needs (as "forgot username" sends). An account with
    // only the emailed code (or no second step): a link could remove nothing, so the email says where codes go.
    case "second_step_recovery":
      if (!patient.hasAccount) return { send: "no_account_yet" };
      return patient.hasAppOrPasskey ? { send: "second_step_recovery_link" } : { send: "no_second_step_to_remove" };
  }
}
