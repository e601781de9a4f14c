import { getToken } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionCookieFor } from "./session-cookie";

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
