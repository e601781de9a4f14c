// What the passkey button says, in plain words, when the browser's passkey step does not end in an answer.
// Kept apart from the component so each case is tested without a browser.

export type PasskeyCeremony = "register" | "authenticate";

export const PASSKEY_TEXT = {
  unsupported: "This browser cannot use passkeys.",
  noScript: "Passkeys need JavaScript, which is turned off in this browser.",
  preparing: "Getting ready…",
  register: "Follow your browser's steps to create the passkey.",
  authenticate: "Follow your browser's steps to use your passkey.",
  checking: "Checking your passkey…",
} as const;

/** The words for a failed browser step: cancelled, already there, not possible here, or anything else. */
export function passkeyFailureMessage(error: unknown, ceremony: PasskeyCeremony): string {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  // NotAllowedError is what browsers answer both to "Cancel" and to the time running out.
  if (name === "NotAllowedError" || name === "AbortError" || code === "ERROR_CEREMONY_ABORTED") {
    return ceremony === "register"
      ? "No passkey was created: it was cancelled or took too long."
      : "The passkey was not used: it was cancelled or took too long.";
  }
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || name === "InvalidStateError") {
    return "This device already has a passkey for your account.";
  }
  if (
    code === "ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT" ||
    code === "ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT" ||
    code === "ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG" ||
    name === "ConstraintError" ||
    name === "NotSupportedError"
  ) {
    return "This device cannot make a passkey that unlocks with a fingerprint, face or PIN. Try another device or a security key.";
  }
  if (code === "ERROR_INVALID_DOMAIN" || code === "ERROR_INVALID_RP_ID" || name === "SecurityError") {
    return "Passkeys cannot be used at this web address.";
  }
  return ceremony === "register" ? "The passkey could not be created." : "The passkey could not be used.";
}
