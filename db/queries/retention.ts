// Deletes rows that only grow, each kind before its own cutoff (docs/security.md L2). The audit trail is never
// touched here: HIPAA keeps it six years, and its trigger refuses deletes anyway.
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  emailCodes,
  emailOutbox,
  pendingSignIns,
  rateLimitCounters,
  revokedSessions,
  trustedDevices,
  verificationAttempts,
  webauthnChallenges,
  workerHeartbeats,
} from "../schema";

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
  /** Second-step rows (emailed codes, half-done sign-ins, WebAuthn challenges, trusted devices) expired before this. */
  secondStepExpiredBefore: Date;
};

export type RetentionCounts = {
  verificationAttempts: number;
  sentEmails: number;
  revokedSessions: number;
  counters: number;
  heartbeats: number;
  emailCodes: number;
  pendingSignIns: number;
  webauthnChallenges: number;
  trustedDevices: number;
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
  const expired = cut.secondStepExpiredBefore;
  const codes = await db.delete(emailCodes).where(lt(emailCodes.expiresAt, expired)).returning({ id: emailCodes.id });
  const pending = await db
    .delete(pendingSignIns)
    .where(lt(pendingSignIns.expiresAt, expired))
    .returning({ id: pendingSignIns.id });
  const challenges = await db
    .delete(webauthnChallenges)
    .where(lt(webauthnChallenges.expiresAt, expired))
    .returning({ id: webauthnChallenges.id });
  const devices = await db
    .delete(trustedDevices)
    .where(lt(trustedDevices.expiresAt, expired))
    .returning({ id: trustedDevices.id });
  return {
    verificationAttempts: deleted(verification),
    sentEmails: deleted(sent),
    revokedSessions: deleted(revoked),
    counters: counters + rest.length,
    heartbeats: deleted(heartbeats),
    emailCodes: deleted(codes),
    pendingSignIns: deleted(pending),
    webauthnChallenges: deleted(challenges),
    trustedDevices: deleted(devices),
  };
}
