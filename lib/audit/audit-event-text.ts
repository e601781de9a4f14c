// The audit trail in plain words for the admin audit page: a label per known event and readable details.
// Unknown events and keys fall back to their raw names, so nothing recorded is ever hidden.

const EVENT_LABELS: Record<string, string> = {
  "account.created": "Patient set up their portal account",
  "account.password_reset": "Patient reset their password with an emailed link",
  "account.password_changed": "Patient changed their password",
  "account.username_taken": "Setup form: the username chosen is taken (counted against the link and the address)",
  "account.password_change_refused": "Password change refused: current password not right",
  "token.issued": "Link issued",
  "token.used": "Link used",
  "token.rejected": "A link that no longer works was tried",
  "patient.locked": "Patient sign-in locked after too many wrong passwords or codes",
  "alert.second_step_removed_after_email_change":
    "Alert: second step removed by staff soon after an email change (staff confirmed they verified the caller)",
  "second_factor.recovery_refused": "Second-step recovery link: wrong password (counted toward the sign-in lock)",
  "patient.signed_in": "Patient signed in",
  "patient.activated": "Patient's first sign-in: portal activated",
  "patient.sign_in_failed": "Patient sign-in failed",
  "patient.sign_in_refused_inactive": "Patient sign-in refused: portal access is off",
  "patient.signed_out": "Patient signed out",
  "patient.signed_out_everywhere": "Patient signed out on every device",
  "patient.session_idle_ended": "Patient signed out after being idle",
  "patient.basic_data_changed": "Patient details changed",
  "patient.email_changed": "Patient email address changed",
  "patient.portal_access_on": "Portal access turned on",
  "patient.portal_access_off": "Portal access turned off",
  "patient.created": "Patient added",
  "patient.imported": "Patient imported",
  "patient.import_updated": "Patient updated by an import",
  "staff.invitation_sent": "Patient invitation sent by staff",
  "staff.reset_sent": "Patient password reset email sent by staff",
  "staff.account_unlocked": "Patient sign-in lock lifted",
  "staff.created": "Staff account created",
  "staff.invited": "Staff member invited",
  "staff.invitation_resent": "Staff invitation sent again",
  "staff.setup_completed": "Staff member chose their password",
  "staff.role_changed": "Staff role changed",
  "staff.deactivated": "Staff member deactivated",
  "staff.reactivated": "Staff member reactivated",
  "staff.signed_in": "Staff signed in",
  "staff.sign_in_failed": "Staff sign-in failed",
  "staff.locked": "Staff sign-in locked for a while after repeated wrong passwords or codes",
  "staff.signed_out": "Staff signed out",
  "staff.session_idle_ended": "Staff signed out after being idle",
  "email.queued": "Email queued",
  "email.sent": "Email sent",
  "email.failed": "Email could not be sent",
  "email.held_recipient_cap": "Email held: too many emails to this address",
  "verification.processed": "Verification request processed",
  "alert.repeated_verification_failures": "Alert: many failed verification attempts today",
  "alert.link_sent_after_email_change": "Alert: link sent soon after an email change",
  "alert.link_held_after_email_change": "Alert: link asked for soon after an email change, held for staff",
  "staff.held_link_released": "Held link request released by staff",
  "staff.held_link_discarded": "Held link request discarded by staff",
  "second_factor.recovery_codes_issued": "Staff member got new recovery codes (earlier ones stopped working)",
  "second_factor.recovery_code_used": "Staff member signed in with a recovery code",
  "second_factor.recovery_codes_refused": "New recovery codes refused: password not right",
  "second_factor.email_code_sent": "Patient was emailed a sign-in code",
  "second_factor.email_code_used": "Patient entered the right emailed code",
  "second_factor.trusted_device_added": "Patient chose to trust a device for 30 days",
  "second_factor.trusted_device_used": "Patient signed in on a trusted device (second step skipped)",
  "second_factor.trusted_devices_forgotten": "Patient's trusted devices forgotten (sessions ended)",
  "second_factor.added": "Second sign-in step added",
  "second_factor.removed": "Second sign-in step removed",
  "second_factor.failed": "Wrong code or passkey at the second sign-in step",
  "second_factor.passkey_used": "Signed in with a passkey",
  "second_factor.passkey_sign_in_failed": "Passkey sign-in refused",
};

export function eventLabel(event: string): string {
  return EVENT_LABELS[event] ?? event;
}

const DETAIL_LABELS: Record<string, string> = {
  kinds: "Removed",
  by: "Removed by",
  method: "How",
  targetStaffId: "Staff member",
  role: "Role",
  previousRole: "Previous role",
  template: "Email",
  outboxId: "Email id",
  link: "Link id",
  purpose: "Purpose",
  via: "Via",
  reason: "Reason",
  email: "Email (keyed hash)",
  to: "To (keyed hash)",
  error: "Error",
  flow: "Flow",
  outcome: "Outcome",
  fields: "Fields",
  mismatched: "Did not match",
  candidates: "Candidates",
  failuresToday: "Failures today",
  count: "How many",
  left: "Left",
  kind: "Kind",
};

const ROLE_WORDS: Record<string, string> = { admin: "Admin", front_desk: "Front desk" };

export type DetailLine = { label: string; value: string };

/** Details as label/value pairs; a staff id is shown as the name the query found for it. */
export function detailLines(details: unknown, names: { targetStaffName?: string | null } = {}): DetailLine[] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return [];
  return Object.entries(details as Record<string, unknown>).map(([key, raw]) => {
    let value: string;
    if (key === "targetStaffId" && names.targetStaffName) value = names.targetStaffName;
    else if ((key === "role" || key === "previousRole") && typeof raw === "string") value = ROLE_WORDS[raw] ?? raw;
    else if (Array.isArray(raw)) value = raw.map(String).join(", ") || "none";
    else if (raw === null || raw === undefined) value = "none";
    else if (typeof raw === "boolean") value = raw ? "yes" : "no";
    else if (typeof raw === "object") value = JSON.stringify(raw);
    else value = String(raw);
    return { label: DETAIL_LABELS[key] ?? key, value };
  });
}
