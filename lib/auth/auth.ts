// Auth.js (next-auth v5) reads, refreshes and ends sessions. Sessions are JWTs in Auth.js's format; a completed
// sign-in issues one through Auth.js's own encode (lib/auth/session-cookie.ts), so Auth.js has no sign-in provider
// of its own and its /api/auth routes sign no one in. Revocation is ours: a session_version on the account and a
// list of signed-out session ids, both checked in lib/auth/dal.ts.
import NextAuth from "next-auth";
import { getLogger } from "@/logger";
import { getConfig } from "@/lib/config";
import { seenAgain } from "./session-claims";
import { decode, encode } from "./session-token";
import { ABSOLUTE_SESSION_SECONDS } from "./session-limits";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

const nextAuth = NextAuth(() => ({
  secret: getConfig().AUTH_SECRET,
  session: { strategy: "jwt", maxAge: ABSOLUTE_SESSION_SECONDS },
  // Auth.js's format, its derived key kept rather than derived for every token.
  jwt: { encode, decode },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    error(error) {
      getLogger().error({ component: "auth", err: error }, "session error");
    },
  },
  providers: [],
  callbacks: {
    // Auth.js follows callbackUrl from the request: only our own paths (docs/security.md N4).
    redirect({ url, baseUrl }) {
      return new URL(safeRedirectPath(url, baseUrl), baseUrl).toString();
    },
    // Runs when Auth.js's own routes read the session: an expired session is dropped, as the proxy and the
    // data-access guard drop it (lib/auth/session-cookie.ts).
    jwt({ token }) {
      return seenAgain(token, new Date());
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
