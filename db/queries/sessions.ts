// Sessions ended on the server: their ids, kept until the JWT would have expired anyway.
import type { Db } from "../client";
import { revokedSessions } from "../schema";

export async function insertRevokedSession(db: Db, opts: { sessionId: string; expiresAt: Date }) {
  await db.insert(revokedSessions).values(opts).onConflictDoNothing();
}
