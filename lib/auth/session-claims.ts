// What a new session's JWT says, whoever signed in and however: read back by Auth.js on every request (the jwt
// and session callbacks in lib/auth/auth.ts) and checked against the database by lib/auth/dal.ts.
import { randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import type { SignedInUser } from "./complete-sign-in";
import { sessionExpired } from "./session-limits";

export function newSessionClaims(user: SignedInUser, now: Date): JWT {
  const signedInAt = Math.floor(now.getTime() / 1000);
  return {
    name: user.name ?? null,
    sub: user.id,
    kind: user.kind,
    role: user.role,
    sv: user.sessionVersion,
    // A new id each sign-in, so signing out can revoke exactly this session.
    sid: randomBytes(16).toString("base64url"),
    // Our own sign-in time: Auth.js refreshes `iat`, so it cannot measure the absolute limit.
    signedInAt,
    seenAt: signedInAt,
  };
}

/** The claims of a session seen again at `now`, or null when its time is up (idle or absolute limit). */
export function seenAgain(claims: JWT, now: Date): JWT | null {
  if (sessionExpired(claims, now)) return null;
  return { ...claims, seenAt: Math.floor(now.getTime() / 1000) };
}
