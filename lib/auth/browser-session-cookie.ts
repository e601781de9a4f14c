// The session cookie lives as long as the browser and no longer: no Expires, no Max-Age (docs/security.md S3).
// Closing the browser on a shared or kiosk computer then ends the session there; the 12-hour absolute and the
// idle limits are enforced on the server from the JWT's own claims, whatever the cookie says. Auth.js always
// gives its session cookie an expiry, so each place that passes its cookies on strips it here (a sign-in sets its
// cookie without one: lib/auth/session-cookie.ts).
const SESSION_COOKIE = /^(?:__Secure-)?authjs\.session-token(?:\.\d+)?$/;

export const isSessionCookieName = (name: string) => SESSION_COOKIE.test(name);

/** One Set-Cookie value without its lifetime, when it sets (not deletes) a session cookie. */
export function withoutLifetime(setCookie: string): string {
  const [pair, ...attributes] = setCookie.split(";");
  const eq = pair.indexOf("=");
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  if (eq < 0 || !isSessionCookieName(name) || value === "") return setCookie;
  return [pair, ...attributes.filter((a) => !/^\s*(expires|max-age)\s*=/i.test(a))].join(";");
}

/** For responses the proxy and the Auth.js route pass on. */
export function sessionCookiesEndWithBrowser(res: Response): Response {
  const all = res.headers.getSetCookie();
  if (!all.some((c) => c !== withoutLifetime(c))) return res;
  const out = new Response(res.body, res);
  out.headers.delete("set-cookie");
  for (const c of all) out.headers.append("set-cookie", withoutLifetime(c));
  return out;
}
