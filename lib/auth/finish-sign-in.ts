// Turns a completed sign-in into a session cookie. `startSession` only sets the cookie (a route handler answers
// with it); `finishSignIn` then goes on to the signed-in home, for server actions. Both set nothing and give
// false when the pending sign-in was used or expired, or the account changed meanwhile.
import "server-only";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { completeSignIn, type SignInProof } from "./complete-sign-in";
import { clearPendingSignInCookie } from "./pending-sign-in-cookie";
import { setSessionCookie } from "./session-cookie";

export async function startSession(proof: SignInProof): Promise<boolean> {
  await clearPendingSignInCookie();
  const now = new Date();
  const user = await completeSignIn(await getDb(), { ...proof, now });
  if (!user) return false;
  await setSessionCookie(user, now);
  return true;
}

export async function finishSignIn(proof: SignInProof, home: string): Promise<false> {
  if (!(await startSession(proof))) return false;
  redirect(home);
}
