// Auth.js (next-auth v5) with credentials for staff and for patients. Sessions are JWTs; revocation is ours:
// a session_version on the account and a list of signed-out session ids, both checked in lib/auth/dal.ts.
import { randomBytes } from "node:crypto";
import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { getLogger } from "@/logger";
import { getConfig } from "@/lib/config";
import { staffSignInSchema } from "@/lib/validation/staff-sign-in";
import { patientSignInSchema } from "@/lib/validation/patient-sign-in";
import { clientIpFrom, ipHash } from "@/lib/http/client-ip";
import { keepSessionCookiesToBrowser } from "./browser-session-cookie";
import { runWithinSignInLimit } from "./sign-in-limit";
import { verifyStaffCredentials } from "./verify-staff-credentials";
import { verifyPatientCredentials } from "./verify-patient-credentials";
import { ABSOLUTE_SESSION_SECONDS, sessionExpired } from "./session-limits";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

/** Right password, but the patient's portal access is off: the only failure we name, and only to them. */
export class PortalAccessOff extends CredentialsSignin {
  code = "access_off";
}

// Floods from one address are turned away before any password is hashed (docs/security.md S2); only failures
// count, patients and staff each against their own budget.
const limitFor = (kind: "staff" | "patient", request: Request | undefined) => ({
  kind,
  address: ipHash(clientIpFrom(request?.headers ?? new Headers())),
  now: new Date(),
  defer: after,
});

const nextAuth = NextAuth(() => ({
  secret: getConfig().AUTH_SECRET,
  session: { strategy: "jwt", maxAge: ABSOLUTE_SESSION_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // A refused sign-in is an expected outcome (and audited); its stack trace in the log helps nobody.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      getLogger().error({ component: "auth", err: error }, "sign-in error");
    },
  },
  providers: [
    Credentials({
      id: "staff",
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = staffSignInSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const db = await getDb();
        const run = await runWithinSignInLimit(
          db,
          limitFor("staff", request),
          () => verifyStaffCredentials(db, { ...parsed.data, now: new Date(), defer: after }),
          (staff) => !!staff,
        );
        if (run.limited || !run.result) throw new CredentialsSignin();
        const staff = run.result;
        return {
          id: staff.id,
          name: staff.name,
          kind: "staff",
          role: staff.role,
          sessionVersion: staff.sessionVersion,
        };
      },
    }),
    Credentials({
      id: "patient",
      credentials: { username: {}, password: {} },
      async authorize(raw, request) {
        const parsed = patientSignInSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const db = await getDb();
        const run = await runWithinSignInLimit(
          db,
          limitFor("patient", request),
          () => verifyPatientCredentials(db, { ...parsed.data, now: new Date(), defer: after }),
          (r) => r.ok,
        );
        if (run.limited) throw new CredentialsSignin();
        const result = run.result;
        if (!result.ok) throw result.reason === "access_off" ? new PortalAccessOff() : new CredentialsSignin();
        return {
          id: result.patient.patientId,
          kind: "patient",
          role: "patient",
          sessionVersion: result.patient.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    // Auth.js follows callbackUrl from the request: only our own paths (docs/security.md N4).
    redirect({ url, baseUrl }) {
      return new URL(safeRedirectPath(url, baseUrl), baseUrl).toString();
    },
    // Runs on every request that reads the session (the proxy refreshes the cookie on each page): an expired
    // session is dropped here, so it cannot be revived by the refresh itself.
    jwt({ token, user }) {
      const now = new Date();
      if (!user) {
        if (sessionExpired(token, now)) return null;
        token.seenAt = Math.floor(now.getTime() / 1000);
        return token;
      }
      token.sub = user.id;
      token.kind = user.kind;
      token.role = user.role;
      token.sv = user.sessionVersion;
      // A new id each sign-in, so signing out can revoke exactly this session.
      token.sid = randomBytes(16).toString("base64url");
      // Our own sign-in time: Auth.js refreshes `iat`, so it cannot measure the absolute limit.
      token.signedInAt = Math.floor(now.getTime() / 1000);
      token.seenAt = token.signedInAt;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.kind = token.kind;
      session.user.role = token.role;
      session.sessionVersion = token.sv;
      session.sessionId = token.sid;
      session.signedInAt = token.signedInAt;
      return session;
    },
  },
}));

export const { handlers, auth, signOut } = nextAuth;

/**
 * Auth.js's signIn, for our sign-in actions: the session cookie it sets is made a browser-session cookie (no
 * Expires or Max-Age; docs/security.md S3). signIn "returns" by throwing a redirect; a refused sign-in throws
 * an AuthError and sets no session.
 */
export async function signIn(...args: Parameters<typeof nextAuth.signIn>): ReturnType<typeof nextAuth.signIn> {
  try {
    const result = await nextAuth.signIn(...args);
    await keepSessionCookiesToBrowser();
    return result;
  } catch (error) {
    if (!(error instanceof AuthError)) await keepSessionCookiesToBrowser();
    throw error;
  }
}
