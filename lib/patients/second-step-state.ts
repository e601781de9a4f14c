// A patient's second step in the words the dash shows: none, or each kind they have ("email code",
// "app", "passkeys ×2"), so staff on the phone can tell what the patient is asked for at sign-in.
export type SecondStepCounts = { totp: number; passkey: number; email: number };

export function secondStepState(c: SecondStepCounts): string {
  const parts = [
    c.email ? "email code" : null,
    c.totp ? (c.totp > 1 ? `app ×${c.totp}` : "app") : null,
    c.passkey ? `${c.passkey > 1 ? "passkeys" : "passkey"} ×${c.passkey}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(", ") : "none";
}
