// Ends this browser's session on the server too: its id is revoked, so a copied cookie is refused.
import "server-only";
import { getDb } from "@/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { auth, signOut } from "./auth";
import { revokeSession } from "./revoke-session";

export async function endSession(opts: { redirectTo: string; reason: "signed_out" | "idle" }) {
  const session = await auth();
  if (session?.sessionId && session.user?.id) {
    const db = await getDb();
    await revokeSession(db, { sessionId: session.sessionId, signedInAt: session.signedInAt, now: new Date() });
    const staff = session.user.kind === "staff";
    await recordAuditEvent(db, {
      event: `${staff ? "staff" : "patient"}.${opts.reason === "idle" ? "session_idle_ended" : "signed_out"}`,
      actorType: staff ? "staff" : "patient",
      actorStaffId: staff ? session.user.id : null,
      patientId: staff ? null : session.user.id,
    });
  }
  await signOut({ redirectTo: opts.redirectTo });
}
