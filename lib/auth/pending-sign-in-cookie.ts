// The browser's half of a pending sign-in (lib/auth/pending-sign-in.ts): an httpOnly cookie holding the opaque
// token for five minutes, read only by the second-step pages and actions.
import "server-only";
import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { findPendingSignIn, PENDING_SIGN_IN_MINUTES, type PendingSignIn } from "./pending-sign-in";

const PENDING_COOKIE = "pp_pending_sign_in";

export async function setPendingSignInCookie(token: string) {
  (await cookies()).set(PENDING_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: PENDING_SIGN_IN_MINUTES * 60,
    secure: process.env.NODE_ENV === "production" && !!process.env.APP_URL?.startsWith("https:"),
  });
}

export async function pendingSignInToken(): Promise<string | undefined> {
  return (await cookies()).get(PENDING_COOKIE)?.value;
}

export async function clearPendingSignInCookie() {
  (await cookies()).delete({ name: PENDING_COOKIE, path: "/" });
}

/** This browser's pending sign-in for a staff member or a patient, while it is live. */
export async function currentPendingSignIn(kind: "staff" | "patient"): Promise<PendingSignIn | null> {
  // The cookie first: reading it is what makes the page dynamic, before any database work.
  const token = await pendingSignInToken();
  const pending = await findPendingSignIn(await getDb(), { token, now: new Date() });
  return pending?.owner.kind === kind ? pending : null;
}
