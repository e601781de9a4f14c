import { getToken } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { liveSessionClaims, refreshedSessionCookie, sessionCookieFor } from "./session-cookie";

const secret = "a test secret that is long enough for the derivation";
const now = new Date("2026-12-06T20:00:00Z");
const patient = { id: "p-1", kind: "patient", role: "patient", sessionVersion: 3 } as const;

// Auth.js must read the cookie a sign-in sets exactly as if it had issued it: its name, salt and format.
describe("the session cookie a sign-in sets", () => {
  for (const appUrl of ["http://localhost:3000", "https://portal.example.org"]) {
    it(`is read back by Auth.js with the session's claims (${appUrl.split(":")[0]})`, async () => {
      const cookie = await sessionCookieFor(patient, { now, appUrl, secret });
      const req = new Request(`${appUrl}/portal`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
      const token = await getToken({ req, secret, secureCookie: appUrl.startsWith("https:") });
      expect(token).toMatchObject({
        sub: "p-1",
        kind: "patient",
        role: "patient",
        sv: 3,
        signedInAt: now.getTime() / 1000,
        seenAt: now.getTime() / 1000,
      });
      expect(token?.sid).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(cookie.options).toEqual({
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: appUrl.startsWith("https:"),
      });
    });
  }

  it("gives each sign-in its own session id, and no other secret reads it", async () => {
    const opts = { now, appUrl: "http://localhost:3000", secret };
    const [a, b] = [await sessionCookieFor(patient, opts), await sessionCookieFor(patient, opts)];
    const read = (value: string, s: string) =>
      getToken({
        req: new Request("http://localhost:3000/", { headers: { cookie: `${a.name}=${value}` } }),
        secret: s,
      });
    expect((await read(a.value, secret))?.sid).not.toBe((await read(b.value, secret))?.sid);
    expect(await read(a.value, `${secret} but another`)).toBeNull();
  });
});

// What every page and action believes, and what the proxy renews on each request.
describe("reading and refreshing the session cookie", () => {
  const appUrl = "http://localhost:3000";
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  const issue = () => sessionCookieFor(patient, { now, appUrl, secret });

  it("reads the claims of a cookie this portal issued, until the idle limit passes", async () => {
    const { value } = await issue();
    const claims = await liveSessionClaims(value, { now: at(30 * 60), appUrl, secret });
    expect(claims).toMatchObject({ sub: "p-1", kind: "patient", sv: 3, seenAt: now.getTime() / 1000 });
    expect(await liveSessionClaims(value, { now: at(30 * 60 + 1), appUrl, secret })).toBeNull();
  });

  it("reads nothing from a missing, altered or foreign cookie", async () => {
    const { value } = await issue();
    const opts = { now, appUrl, secret };
    expect(await liveSessionClaims(undefined, opts)).toBeNull();
    expect(await liveSessionClaims(`${value.slice(0, -4)}AAAA`, opts)).toBeNull();
    expect(await liveSessionClaims(value, { ...opts, secret: `${secret} but another` })).toBeNull();
    // The same secret under the HTTPS cookie name derives another key.
    expect(await liveSessionClaims(value, { ...opts, appUrl: "https://portal.example.org" })).toBeNull();
  });

  it("renews a live session from now, keeping its id and sign-in time, so idle time restarts", async () => {
    const first = await issue();
    const renewed = await refreshedSessionCookie(first.value, { now: at(20 * 60), appUrl, secret });
    expect(renewed?.name).toBe(first.name);
    const before = await liveSessionClaims(first.value, { now: at(20 * 60), appUrl, secret });
    const after = await liveSessionClaims(renewed?.value, { now: at(45 * 60), appUrl, secret });
    expect(after).toMatchObject({
      sid: before?.sid,
      signedInAt: now.getTime() / 1000,
      seenAt: at(20 * 60).getTime() / 1000,
    });
    // Without the renewal the same moment is past the idle limit.
    expect(await liveSessionClaims(first.value, { now: at(45 * 60), appUrl, secret })).toBeNull();
  });

  it("does not renew a session past its idle or 12-hour limit", async () => {
    const { value } = await issue();
    expect(await refreshedSessionCookie(value, { now: at(30 * 60 + 1), appUrl, secret })).toBeNull();
    let current = value;
    for (let s = 25 * 60; s < 12 * 3600; s += 25 * 60) {
      current = (await refreshedSessionCookie(current, { now: at(s), appUrl, secret }))!.value;
    }
    expect(await refreshedSessionCookie(current, { now: at(12 * 3600 + 1), appUrl, secret })).toBeNull();
  });
});
