// Auth.js's own endpoints, held to the app's rules (docs/security.md S3, S4): /api/auth/session answers only
// for a session the app still accepts (not revoked, not past its limits, account still allowed), and a sign-out
// through /api/auth/signout ends the session on the server and is audited, as the app's own "Sign out" is.
// Session cookies passed on here end with the browser.
import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { auth, handlers } from "@/lib/auth/auth";
import { isSessionCookieName, sessionCookiesEndWithBrowser } from "@/lib/auth/browser-session-cookie";
import { closeSession } from "@/lib/auth/close-session";
import { deleteCookieHeader } from "@/lib/auth/session-cookie";
import { currentPatient, currentStaff } from "@/lib/auth/dal";

const endpoint = (req: NextRequest) => req.nextUrl.pathname.replace(/\/+$/, "").split("/").pop();

/** The session Auth.js would vouch for, if the app still accepts it. */
async function liveSession() {
  const session = await auth();
  if (!session?.user?.id || !session.sessionId) return null;
  const kind = session.user.kind === "staff" ? "staff" : "patient";
  const live = kind === "staff" ? await currentStaff() : await currentPatient();
  if (!live) return null;
  return { sessionId: session.sessionId, signedInAt: session.signedInAt, userId: session.user.id, kind } as const;
}

export async function GET(req: NextRequest) {
  if (endpoint(req) === "session" && !(await liveSession())) {
    // What Auth.js answers for no session, and the dead cookie goes.
    const res = Response.json(null, { headers: { "cache-control": "no-store" } });
    for (const c of req.cookies.getAll()) {
      if (isSessionCookieName(c.name)) res.headers.append("set-cookie", deleteCookieHeader(c.name));
    }
    return res;
  }
  return sessionCookiesEndWithBrowser(await handlers.GET(req));
}

export async function POST(req: NextRequest) {
  if (endpoint(req) !== "signout") return sessionCookiesEndWithBrowser(await handlers.POST(req));
  const session = await liveSession();
  const res = await handlers.POST(req);
  // Auth.js signs out only with its CSRF token; when it did, its answer deletes the session cookie.
  const signedOut = res.headers
    .getSetCookie()
    .some((c) => isSessionCookieName(c.slice(0, c.indexOf("=")).trim()) && /^[^=]+=\s*(;|$)/.test(c));
  if (session && signedOut) {
    await closeSession(await getDb(), { session, reason: "signed_out", now: new Date() });
  }
  return res;
}
