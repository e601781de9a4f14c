// Turns a completed sign-in into a session cookie and goes on to the signed-in home. Returns false (and sets
// nothing) when the pending sign-in was used or expired, or the account changed meanwhile.
import "server-only";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { completeSignIn, type SignInProof } from "./complete-sign-in";
import { clearPendingSignInCookie } from "./pending-sign-in-cookie";
import { setSessionCookie } from "./session-cookie";

export async function finishSignIn(proof: SignInProof, home: string): Promise<false> {
  await clearPendingSignInCookie();
  const now = new Date();
  const user = await completeSignIn(await getDb(), { ...proof, now });
  if (!user) return false;
  await setSessionCookie(user, now);
  redirect(home);
}
