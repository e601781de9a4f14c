// Ends one session on the server: its id goes on the revoked list until the JWT would have expired anyway.
import type { Db } from "@/db/client";
import { insertRevokedSession } from "@/db/queries/sessions";
import { ABSOLUTE_SESSION_SECONDS } from "./session-limits";

export async function revokeSession(db: Db, opts: { sessionId: string; signedInAt?: number; now: Date }) {
  const from = opts.signedInAt ? opts.signedInAt * 1000 : opts.now.getTime();
  await insertRevokedSession(db, {
    sessionId: opts.sessionId,
    expiresAt: new Date(from + ABSOLUTE_SESSION_SECONDS * 1000),
  });
}
