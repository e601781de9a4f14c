// Ends one session on the server and records it: the one way a sign-out is kept, whether it came through our
// own "Sign out" or through Auth.js's /api/auth/signout (docs/security.md S4, A1).
import type { Db } from "@/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { revokeSession } from "./revoke-session";

export async function closeSession(
  db: Db,
  opts: {
    session: { sessionId: string; signedInAt?: number; userId: string; kind: "staff" | "patient" };
    reason: "signed_out" | "idle";
    now: Date;
  },
): Promise<void> {
  const { session } = opts;
  await revokeSession(db, { sessionId: session.sessionId, signedInAt: session.signedInAt, now: opts.now });
  const staff = session.kind === "staff";
  await recordAuditEvent(db, {
    event: `${staff ? "staff" : "patient"}.${opts.reason === "idle" ? "session_idle_ended" : "signed_out"}`,
    actorType: staff ? "staff" : "patient",
    actorStaffId: staff ? session.userId : null,
    patientId: staff ? null : session.userId,
  });
}
