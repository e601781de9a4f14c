// Auth.js (next-auth v5) with credentials for staff. Sessions are JWTs; revocation is ours (session_version).
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { getConfig } from "@/lib/config";
import { staffSignInSchema } from "@/lib/validation/staff-sign-in";
import { verifyStaffCredentials } from "./verify-staff-credentials";
import { ABSOLUTE_SESSION_SECONDS } from "./session-limits";

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getConfig().AUTH_SECRET,
  session: { strategy: "jwt", maxAge: ABSOLUTE_SESSION_SECONDS },
  pages: { signIn: "/admin/login", error: "/admin/login" },
  logger: {
    // A refused sign-in is an expected outcome (and audited); its stack trace in the log helps nobody.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      id: "staff",
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = staffSignInSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const staff = await verifyStaffCredentials(await getDb(), { ...parsed.data, now: new Date() });
        if (!staff) throw new CredentialsSignin();
        return { id: staff.id, name: staff.name, kind: "staff", role: staff.role, sessionVersion: staff.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.kind = user.kind;
        token.role = user.role;
        token.sv = user.sessionVersion;
        // Our own sign-in time: Auth.js refreshes `iat`, so it cannot measure the absolute limit.
        token.signedInAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.kind = token.kind;
      session.user.role = token.role;
      session.sessionVersion = token.sv;
      session.signedInAt = token.signedInAt;
      return session;
    },
  },
}));
