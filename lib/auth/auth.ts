// Auth.js (next-auth v5): it only turns a completed sign-in into a session cookie. Sessions are JWTs; revocation is ours:
// a session_version on the account and a list of signed-out session ids, both checked in lib/auth/dal.ts.
import { randomBytes } from "node:crypto";
import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { getLogger } from "@/logger";
import { getConfig } from "@/lib/config";
import { keepSessionCookiesToBrowser } from "./browser-session-cookie";
import { completeSignIn } from "./complete-sign-in";
import { ABSOLUTE_SESSION_SECONDS, sessionExpired } from "./session-limits";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

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
    // The only way in: a pending sign-in that something already passed (the password alone, the password and a
    // second step, or a passkey; lib/auth/complete-sign-in.ts). Its token is single use, so posting it here
    // twice, or before the second step, gets nothing.
    Credentials({
      id: "complete",
      credentials: { token: {} },
      async authorize(raw) {
        const user = await completeSignIn(await getDb(), { token: raw?.token, now: new Date() });
        if (!user) throw new CredentialsSignin();
        return user;
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
