// Ends this browser's session on the server too: its id is revoked, so a copied cookie is refused.
import "server-only";
import { getDb } from "@/db/client";
import { auth, signOut } from "./auth";
import { closeSession } from "./close-session";

export async function endSession(opts: { redirectTo: string; reason: "signed_out" | "idle" }) {
  const session = await auth();
  if (session?.sessionId && session.user?.id) {
    await closeSession(await getDb(), {
      session: {
        sessionId: session.sessionId,
        signedInAt: session.signedInAt,
        userId: session.user.id,
        kind: session.user.kind === "staff" ? "staff" : "patient",
      },
      reason: opts.reason,
      now: new Date(),
    });
  }
  await signOut({ redirectTo: opts.redirectTo });
}
