// Deletes rows that only grow, each kind before its own cutoff (docs/security.md L2). The audit trail is never
// touched here: HIPAA keeps it six years, and its trigger refuses deletes anyway.
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { emailOutbox, rateLimitCounters, revokedSessions, verificationAttempts, workerHeartbeats } from "../schema";

export type RetentionCutoffs = {
  /** Verification requests created before this go, processed or not (what was typed is sealed or wiped). */
  verificationAttemptsBefore: Date;
  /** Sent emails sent before this go; queued, held and failed ones stay for staff to see. */
  sentEmailsBefore: Date;
  /** Revoked session ids whose session would have expired by now anyway. */
  revokedSessionsExpiredBy: Date;
  /** Rate-limit counters: per key prefix ("verify-ip:"), windows starting before the cutoff; others before `rest`. */
  counters: { prefix: string; before: Date }[];
  countersRestBefore: Date;
  /** Heartbeats of workers that stopped long ago. */
  heartbeatsBefore: Date;
};

export type RetentionCounts = {
  verificationAttempts: number;
  sentEmails: number;
  revokedSessions: number;
  counters: number;
  heartbeats: number;
};

export async function deleteExpiredRows(db: Db, cut: RetentionCutoffs): Promise<RetentionCounts> {
  const deleted = (rows: unknown[]) => rows.length;
  const verification = await db
    .delete(verificationAttempts)
    .where(lt(verificationAttempts.createdAt, cut.verificationAttemptsBefore))
    .returning({ id: verificationAttempts.id });
  const sent = await db
    .delete(emailOutbox)
    .where(and(eq(emailOutbox.status, "sent"), lt(emailOutbox.sentAt, cut.sentEmailsBefore)))
    .returning({ id: emailOutbox.id });
  const revoked = await db
    .delete(revokedSessions)
    .where(lt(revokedSessions.expiresAt, cut.revokedSessionsExpiredBy))
    .returning({ id: revokedSessions.sessionId });
  let counters = 0;
  for (const { prefix, before } of cut.counters) {
    const rows = await db
      .delete(rateLimitCounters)
      .where(
        and(
          sql`left(${rateLimitCounters.key}, ${prefix.length}) = ${prefix}`,
          lt(rateLimitCounters.windowStart, before),
        ),
      )
      .returning({ key: rateLimitCounters.key });
    counters += rows.length;
  }
  const rest = await db
    .delete(rateLimitCounters)
    .where(lt(rateLimitCounters.windowStart, cut.countersRestBefore))
    .returning({ key: rateLimitCounters.key });
  const heartbeats = await db
    .delete(workerHeartbeats)
    .where(lt(workerHeartbeats.lastPassAt, cut.heartbeatsBefore))
    .returning({ id: workerHeartbeats.workerId });
  return {
    verificationAttempts: deleted(verification),
    sentEmails: deleted(sent),
    revokedSessions: deleted(revoked),
    counters: counters + rest.length,
    heartbeats: deleted(heartbeats),
  };
}
