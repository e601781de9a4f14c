// Portal activity in words staff can read to a patient on the phone.
import type { ActivityEntry } from "@/db/queries/patient-activity";

const FIELD_TEXT: Record<string, string> = {
  last_name: "Last name did not match",
  date_of_birth: "Date of birth did not match",
  zip: "ZIP code did not match",
};

const FLOW_TEXT: Record<string, string> = {
  register: "Create account",
  forgot_password: "Forgot password",
  forgot_username: "Forgot username",
  second_step_recovery: "Cannot get sign-in code",
};

/** The second steps, as a patient would name them. */
const FACTOR_TEXT: Record<string, string> = {
  totp: "authenticator app",
  passkey: "passkey",
  email: "emailed code",
  email_code: "emailed code",
  recovery_code: "recovery code",
  trusted_device: "skipped on a trusted device",
};

const REMOVED_BY_TEXT: Record<string, string> = {
  owner: "Removed by the patient, signed in",
  recovery: "Removed by the patient with an emailed recovery link and their password",
  staff: "Removed by staff (Remove second step)",
};

const LINK_TEXT: Record<string, string> = {
  setup: "Setup",
  reset: "Reset",
  second_step_recovery: "Second-step recovery",
};

const TEMPLATE_TEXT: Record<string, string> = {
  setup_link: "account setup link",
  reset_link: "password reset link",
  already_registered: "“you already have an account” email",
  username_reminder: "username reminder",
  no_account_yet: "“no account yet” email with a setup link",
  access_off: "“portal access is off” email",
  could_not_verify: "“could not verify” email",
  password_changed: "“password changed” notice",
  account_created: "“account is ready” notice",
  email_changed_notice: "email-change notice to the old address",
  link_held_notice: "“someone asked for a link” notice to the previous address",
  sign_in_code: "sign-in code",
  second_step_removed: "notice: second sign-in step removed",
  second_step_recovery_link: "second-step recovery link",
  no_second_step_to_remove: "“no app or passkey to remove” email",
};

const EVENT_TEXT: Record<string, string> = {
  "token.issued": "Link issued",
  "token.used": "Link used",
  "token.rejected": "A link that no longer works was tried",
  "patient.locked": "Sign-in locked for 15 minutes after too many wrong passwords",
  "account.created": "Account set up (username and password chosen)",
  "account.password_reset": "Password reset with an emailed link",
  "account.password_changed": "Password changed by the patient",
  "account.username_taken": "Setup link: a username that is taken was tried",
  "patient.signed_in": "Signed in",
  "patient.activated": "First sign-in: portal activated",
  "patient.sign_in_failed": "Sign-in failed",
  "patient.sign_in_refused_inactive": "Sign-in refused: portal access is off",
  "patient.signed_out": "Signed out",
  "patient.signed_out_everywhere": "Signed out on every device",
  "patient.session_idle_ended": "Signed out after being idle",
  "patient.basic_data_changed": "Basic Data changed",
  "patient.email_changed": "Email address changed (links voided, sessions ended, the old address told)",
  "patient.portal_access_on": "Portal access turned on",
  "patient.portal_access_off": "Portal access turned off (sessions ended, links voided)",
  "patient.created": "Patient added",
  "patient.imported": "Patient imported",
  "patient.import_updated": "Patient updated by an import",
  "staff.invitation_sent": "Invitation email sent by staff",
  "staff.reset_sent": "Password reset email sent by staff",
  "staff.account_unlocked": "Sign-in lock lifted",
  "alert.link_sent_after_email_change": "Link sent soon after an email change (staff confirmed they checked it)",
  "alert.link_held_after_email_change": "Alert: a link was asked for soon after an email change, and held for staff",
  "alert.second_step_removed_after_email_change":
    "Second step removed soon after an email change (staff confirmed they verified the caller)",
  "staff.held_link_released": "Held link request released (staff checked with the patient)",
  "staff.held_link_discarded": "Held link request discarded",
  "alert.repeated_verification_failures": "Alert: many failed verification attempts today",
  "email.queued": "Email queued",
  "email.sent": "Email sent",
  "email.failed": "Email could not be sent",
  "email.held_recipient_cap": "Email held: too many emails to this address",
  "second_factor.email_code_sent": "A sign-in code was emailed",
  "second_factor.email_code_used": "The emailed code was entered",
  "second_factor.trusted_device_added": "A device was trusted for 30 days",
  "second_factor.trusted_device_used": "Signed in on a trusted device (no second step asked)",
  "second_factor.trusted_devices_forgotten": "Trusted devices forgotten: the next sign-in asks for the second step",
  "second_factor.added": "Second sign-in step added",
  "second_factor.removed": "Second sign-in step removed (sessions ended, the patient told by email)",
  "second_factor.failed": "Second sign-in step failed (counted toward the sign-in lock)",
  "second_factor.recovery_refused": "Second-step recovery link: wrong password (counted toward the sign-in lock)",
  "second_factor.passkey_used": "Signed in with a passkey",
  "second_factor.passkey_sign_in_failed": "Passkey sign-in refused",
  "verification.matched": "Verification matched",
  "verification.no_match": "Verification did not match",
  "verification.ambiguous": "Verification matched more than one chart",
  "verification.access_off": "Verification matched, but portal access is off",
  "verification.rate_limited": "Verification refused: too many attempts from one address",
  "verification.pending": "Verification waiting to be processed",
};

const factorWords = (kind: string) => FACTOR_TEXT[kind] ?? kind;

export function describeActivity(e: ActivityEntry): { title: string; lines: string[] } {
  const d = e.details as Record<string, unknown>;
  const lines: string[] = [];
  let title = EVENT_TEXT[e.event] ?? e.event;
  if (e.event.startsWith("verification.")) {
    if (typeof d.flow === "string") title = `${FLOW_TEXT[d.flow] ?? d.flow}: ${title.toLowerCase()}`;
    for (const f of (d.mismatched as string[] | undefined) ?? []) lines.push(FIELD_TEXT[f] ?? f);
  }
  if (e.event.startsWith("email.") && typeof d.template === "string")
    title = `${title}: ${TEMPLATE_TEXT[d.template] ?? d.template}`;
  if (e.event === "token.issued" && typeof d.purpose === "string")
    title = `${LINK_TEXT[d.purpose] ?? d.purpose} link issued${d.via === "self_service" ? " (patient asked)" : ""}`;
  if (e.event === "token.used" && d.purpose === "second_step_recovery") title = "Second-step recovery link used";
  if (e.event === "second_factor.added" && typeof d.kind === "string") lines.push(`Kind: ${factorWords(d.kind)}`);
  if (e.event === "second_factor.removed") {
    if (Array.isArray(d.kinds)) lines.push(`Removed: ${(d.kinds as string[]).map(factorWords).join(", ")}`);
    if (typeof d.by === "string") lines.push(REMOVED_BY_TEXT[d.by] ?? `By: ${d.by}`);
  }
  if (e.event === "second_factor.failed" && typeof d.method === "string") {
    lines.push(`With: ${factorWords(d.method)}`);
    if (d.reason === "locked") lines.push("The account was locked at the time");
  }
  if (e.event === "second_factor.recovery_refused" && d.reason === "locked")
    lines.push("The account was locked at the time");
  if (e.event === "patient.signed_in" && typeof d.method === "string" && d.method.startsWith("password+"))
    lines.push(`Second step: ${factorWords(d.method.slice("password+".length))}`);
  if (e.event === "patient.signed_in" && d.method === "passkey") lines.push("With a passkey alone (no password)");
  if (e.event === "email.failed" && typeof d.error === "string") lines.push(`Reason: ${d.error}`);
  if (e.event === "patient.basic_data_changed" && Array.isArray(d.fields))
    lines.push(`Changed: ${(d.fields as string[]).join(", ")}`);
  if (e.event === "patient.sign_in_failed" && d.reason === "locked") lines.push("The account was locked at the time");
  return { title, lines };
}
