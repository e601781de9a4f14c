// Session lifetimes (SECURITY.md S3): an absolute cap from our own sign-in time, whatever the cookie says.
export const ABSOLUTE_SESSION_SECONDS = 12 * 60 * 60;

export function sessionTooOld(signedInAt: number | undefined, now: Date): boolean {
  return !signedInAt || now.getTime() / 1000 - signedInAt > ABSOLUTE_SESSION_SECONDS;
}
