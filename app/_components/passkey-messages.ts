// Which of the passkey button's plain messages a failed browser passkey step gets (the words are in
// messages/<locale>/signIn.json "passkey"). Kept apart from the component so each case is tested without a
// browser, and free of message imports because it runs in the browser.
export type PasskeyCeremony = "register" | "authenticate";

/** Which failure it was, as its message key in signIn.passkey. */
export type PasskeyFailure =
  | "cancelledRegister"
  | "cancelledAuthenticate"
  | "alreadyRegistered"
  | "deviceCannot"
  | "badAddress"
  | "failedRegister"
  | "failedAuthenticate";

/** A failed browser step: cancelled, already there, not possible here, or anything else. */
export function passkeyFailure(error: unknown, ceremony: PasskeyCeremony): PasskeyFailure {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  // NotAllowedError is what browsers answer both to "Cancel" and to the time running out.
  if (name === "NotAllowedError" || name === "AbortError" || code === "ERROR_CEREMONY_ABORTED") {
    return ceremony === "register" ? "cancelledRegister" : "cancelledAuthenticate";
  }
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || name === "InvalidStateError") {
    return "alreadyRegistered";
  }
  if (
    code === "ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT" ||
    code === "ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT" ||
    code === "ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG" ||
    name === "ConstraintError" ||
    name === "NotSupportedError"
  ) {
    return "deviceCannot";
  }
  if (code === "ERROR_INVALID_DOMAIN" || code === "ERROR_INVALID_RP_ID" || name === "SecurityError") {
    return "badAddress";
  }
  return ceremony === "register" ? "failedRegister" : "failedAuthenticate";
}
