// Turns a passed pending sign-in into a session cookie and goes on to the signed-in home. Returns false (and
// sets nothing) when the pending sign-in was used, expired, or the account changed meanwhile.
import "server-only";
import { AuthError } from "next-auth";
import { signIn } from "./auth";
import { clearPendingSignInCookie } from "./pending-sign-in-cookie";

export async function finishSignIn(token: string, redirectTo: string): Promise<false> {
  await clearPendingSignInCookie();
  try {
    await signIn("complete", { token, redirectTo });
  } catch (error) {
    // signIn() redirects by throwing; only an AuthError is a refusal.
    if (!(error instanceof AuthError)) throw error;
  }
  return false;
}
