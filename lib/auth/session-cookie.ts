// Issues the session cookie of a completed sign-in: the JWT Auth.js reads back on every request, encoded with
// Auth.js's own encode() under its own cookie name and salt, so nothing about the token's format is ours. Set
// here rather than through Auth.js's signIn(), which would build and run a whole internal request to do the same.
// A browser-session cookie: no Expires, no Max-Age (docs/security.md S3).
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { getConfig } from "@/lib/config";
import type { SignedInUser } from "./complete-sign-in";
import { newSessionClaims } from "./session-claims";
import { ABSOLUTE_SESSION_SECONDS } from "./session-limits";

/** Auth.js's name for the session cookie: "__Secure-" prefixed when the portal is served over HTTPS. */
export function sessionCookieName(appUrl: string): string {
  return appUrl.startsWith("https:") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

// Auth.js splits a cookie over 4,096 bytes into chunks; ours holds a few short claims, far below that.
const MAX_COOKIE_VALUE = 3_900;

/** The cookie a completed sign-in sets, for the portal at `appUrl`. */
export async function sessionCookieFor(
  user: SignedInUser,
  opts: { now: Date; appUrl: string; secret: string },
): Promise<{ name: string; value: string; options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean } }> {
  const name = sessionCookieName(opts.appUrl);
  const value = await encode({
    token: newSessionClaims(user, opts.now),
    secret: opts.secret,
    salt: name,
    maxAge: ABSOLUTE_SESSION_SECONDS,
  });
  if (value.length > MAX_COOKIE_VALUE) throw new Error("The session token is too large for one cookie");
  return {
    name,
    value,
    options: { httpOnly: true, sameSite: "lax", path: "/", secure: opts.appUrl.startsWith("https:") },
  };
}

export async function setSessionCookie(user: SignedInUser, now: Date): Promise<void> {
  const { APP_URL, AUTH_SECRET } = getConfig();
  const cookie = await sessionCookieFor(user, { now, appUrl: APP_URL, secret: AUTH_SECRET });
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
}
