// The outcome table of the verification forms: which email the matched (or unmatched) details earn.
import type { VerificationFlow } from "./request-verification";

export type MatchedPatient = { canAccessPortal: boolean; hasAccount: boolean };

export type Reply =
  | { send: "setup_link" }
  | { send: "reset_link" }
  | { send: "already_registered" }
  | { send: "username_reminder" }
  | { send: "no_account_yet" }
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
  }
}
