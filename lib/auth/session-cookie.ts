// The session cookie: issued at a completed sign-in, read by the data-access guard, refreshed by the proxy on
// each request. It is a JWT in Auth.js's format, under Auth.js's cookie name and salt, encoded and decoded by
// ./session-token.ts in that same format, so Auth.js's routes read it too. Handled here rather than through Auth.js's signIn() and auth(): each of those builds and runs a whole
// internal request, and auth() also derives a CSRF token and encodes a refreshed cookie that a page cannot set.
// A browser-session cookie: no Expires, no Max-Age (docs/security.md S3).
import { cookies } from "next/headers";
import type { JWT } from "next-auth/jwt";
import { getConfig } from "@/lib/config";
import type { SignedInUser } from "./complete-sign-in";
import { newSessionClaims, seenAgain } from "./session-claims";
import { decode, encode } from "./session-token";
import { ABSOLUTE_SESSION_SECONDS, sessionExpired } from "./session-limits";

/** Auth.js's name for the session cookie: "__Secure-" prefixed when the portal is served over HTTPS. */
export function sessionCookieName(appUrl: string): string {
  return appUrl.startsWith("https:") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

// Auth.js splits a cookie over 4,096 bytes into chunks; ours holds a few short claims, far below that.
const MAX_COOKIE_VALUE = 3_900;

type CookieOpts = { now: Date; appUrl: string; secret: string };
export type SessionCookie = {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean };
};

async function cookieWith(claims: JWT, opts: CookieOpts): Promise<SessionCookie> {
  const name = sessionCookieName(opts.appUrl);
  const value = await encode({ token: claims, secret: opts.secret, salt: name, maxAge: ABSOLUTE_SESSION_SECONDS });
  if (value.length > MAX_COOKIE_VALUE) throw new Error("The session token is too large for one cookie");
  return {
    name,
    value,
    options: { httpOnly: true, sameSite: "lax", path: "/", secure: opts.appUrl.startsWith("https:") },
  };
}

/** The cookie a completed sign-in sets, for the portal at `appUrl`. */
export function sessionCookieFor(user: SignedInUser, opts: CookieOpts): Promise<SessionCookie> {
  return cookieWith(newSessionClaims(user, opts.now), opts);
}

/** The claims in a cookie's value, or null when there is none or it was not issued with this secret. */
async function decodedClaims(value: string | undefined, opts: CookieOpts): Promise<JWT | null> {
  if (!value) return null;
  try {
    return await decode({ token: value, secret: opts.secret, salt: sessionCookieName(opts.appUrl) });
  } catch {
    return null;
  }
}

/**
 * The claims of a session cookie's value that are still good at `now`: null when there is none, when it was not
 * issued with this secret (forged, altered, another portal's), or when its idle or absolute time is up.
 */
export async function liveSessionClaims(value: string | undefined, opts: CookieOpts): Promise<JWT | null> {
  const claims = await decodedClaims(value, opts);
  return claims && !sessionExpired(claims, opts.now) ? claims : null;
}

/** The cookie that keeps a live session going from `now`: the same claims, seen now, with a new expiry. */
export async function refreshedSessionCookie(
  value: string | undefined,
  opts: CookieOpts,
): Promise<SessionCookie | null> {
  const claims = await decodedClaims(value, opts);
  const seen = claims && seenAgain(claims, opts.now);
  return seen ? cookieWith(seen, opts) : null;
}

/** A Set-Cookie value for `cookie`: a browser-session cookie, so no Expires and no Max-Age. */
export function setCookieHeader({ name, value, options }: SessionCookie): string {
  return `${name}=${value}; Path=${options.path}; HttpOnly; SameSite=Lax${options.secure ? "; Secure" : ""}`;
}

/** A Set-Cookie value that deletes the session cookie `name` ("__Secure-" names are only deleted as Secure). */
export function deleteCookieHeader(name: string): string {
  return `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`;
}

/** The claims of this request's session cookie, when it is still good (the database checks come after). */
export async function currentSessionClaims(now: Date): Promise<JWT | null> {
  const { APP_URL, AUTH_SECRET } = getConfig();
  const value = (await cookies()).get(sessionCookieName(APP_URL))?.value;
  return liveSessionClaims(value, { now, appUrl: APP_URL, secret: AUTH_SECRET });
}

export async function setSessionCookie(user: SignedInUser, now: Date): Promise<void> {
  const { APP_URL, AUTH_SECRET } = getConfig();
  const cookie = await sessionCookieFor(user, { now, appUrl: APP_URL, secret: AUTH_SECRET });
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
}
