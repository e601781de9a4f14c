// Ends one session on the server: its id goes on the revoked list until the JWT would have expired anyway.
import type { Db } from "@/db/client";
import { revokedSessions } from "@/db/schema";
import { ABSOLUTE_SESSION_SECONDS } from "./session-limits";

export async function revokeSession(db: Db, opts: { sessionId: string; signedInAt?: number; now: Date }) {
  const from = opts.signedInAt ? opts.signedInAt * 1000 : opts.now.getTime();
  await db
    .insert(revokedSessions)
    .values({ sessionId: opts.sessionId, expiresAt: new Date(from + ABSOLUTE_SESSION_SECONDS * 1000) })
    .onConflictDoNothing();
}
