// Session lifetimes (docs/security.md S3): idle limits per kind of user, and an absolute cap from our own
// sign-in time, whatever the cookie says.
export const ABSOLUTE_SESSION_SECONDS = 12 * 60 * 60;
export const IDLE_SECONDS = { patient: 30 * 60, staff: 15 * 60 } as const;
/** The browser warns this long before the idle sign-out. */
export const IDLE_WARNING_SECONDS = 60;

export function sessionTooOld(signedInAt: number | undefined, now: Date): boolean {
  return !signedInAt || now.getTime() / 1000 - signedInAt > ABSOLUTE_SESSION_SECONDS;
}

/** True when a session must end: too long since sign-in, or idle longer than its kind allows. */
export function sessionExpired(
  s: { kind?: "staff" | "patient"; signedInAt?: number; seenAt?: number },
  now: Date,
): boolean {
  if (sessionTooOld(s.signedInAt, now)) return true;
  const idleLimit = IDLE_SECONDS[s.kind ?? "staff"];
  return now.getTime() / 1000 - (s.seenAt ?? s.signedInAt!) > idleLimit;
}
