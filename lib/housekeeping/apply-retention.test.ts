// The retention job on a real database with an injected clock (docs/security.md L2): each kind of growing row
// (second-step rows included) goes after its own time, what is still in use stays, and the audit trail is never
// purged.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import {
  auditEvents,
  emailCodes,
  emailOutbox,
  pendingSignIns,
  rateLimitCounters,
  trustedDevices,
  verificationAttempts,
  webauthnChallenges,
} from "@/db/schema";
import { queryRows } from "@/db/rows";
import { recordWorkerPass } from "@/db/queries/worker-heartbeats";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertPatient } from "@/test-kit/factories";
import { importWithEnv } from "@/test-kit/import-with-env";
import { revokeSession } from "@/lib/auth/revoke-session";
import { hitRateLimit, RATE_LIMITS } from "@/lib/rate-limit/hit-rate-limit";
import { requestVerification } from "@/lib/verification/request-verification";
import { applyRetention } from "./apply-retention";

const NOW = new Date("2031-06-15T12:00:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const details = { email: "kept.or.not@example.com", lastName: "Retain", dateOfBirth: "1970-01-01", zip: "10001" };

async function count(t: TestDb, table: string, where = sql`true`): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`,
  );
  return row.n;
}

async function outboxRow(t: TestDb, id: string, status: "sent" | "queued" | "failed" | "held", at: Date) {
  await t.db.insert(emailOutbox).values({
    recipient: `${id}@example.com`,
    template: "access_off",
    status,
    idempotencyKey: id,
    createdAt: at,
    sentAt: status === "sent" ? at : null,
  });
}

/** Rows of every growing kind, some just past their time and some just inside it, and an ancient audit trail. */
async function arrange(t: TestDb) {
  for (const [ip, at] of [
    ["old-ip", ago(31 * DAY)],
    ["recent-ip", ago(29 * DAY)],
  ] as const)
    await requestVerification(t.db, { flow: "register", details, ipHash: ip, now: at });
  await outboxRow(t, "sent-91d", "sent", ago(91 * DAY));
  await outboxRow(t, "sent-89d", "sent", ago(89 * DAY));
  await outboxRow(t, "failed-200d", "failed", ago(200 * DAY));
  await outboxRow(t, "held-200d", "held", ago(200 * DAY));
  // Signed in 13 h ago: past the 12-hour absolute lifetime. Signed in 11 h ago: could still be presented.
  await revokeSession(t.db, { sessionId: "expired-session", signedInAt: ago(13 * HOUR).getTime() / 1000, now: NOW });
  await revokeSession(t.db, { sessionId: "live-session", signedInAt: ago(11 * HOUR).getTime() / 1000, now: NOW });
  const verify = RATE_LIMITS.verificationPerIp; // 15-minute windows: the current and previous one are read
  await hitRateLimit(t.db, { rule: verify, subject: "past", now: ago(31 * MIN) });
  await hitRateLimit(t.db, { rule: verify, subject: "previous-window", now: ago(15 * MIN) });
  await hitRateLimit(t.db, { rule: verify, subject: "current", now: NOW });
  const adHoc = { name: "not-a-known-rule", limit: 1, windowSeconds: 60 };
  await hitRateLimit(t.db, { rule: adHoc, subject: "x", now: ago(25 * HOUR) });
  await hitRateLimit(t.db, { rule: adHoc, subject: "y", now: ago(23 * HOUR) });
  await recordWorkerPass(t.db, { workerId: "gone", kind: "standalone", at: ago(2 * DAY) });
  await recordWorkerPass(t.db, { workerId: "alive", kind: "inline", at: ago(5_000) });
  await arrangeSecondStep(t);
  await t.db.insert(auditEvents).values([
    { actorType: "system", event: "test.ten_years_old", occurredAt: ago(3650 * DAY) },
    { actorType: "system", event: "test.yesterday", occurredAt: ago(DAY) },
  ]);
}

/**
 * Emailed codes, half-done sign-ins, WebAuthn challenges and trusted devices: one of each expired 25 hours ago
 * (goes), one expired 23 hours ago (stays a little longer), one still good. Each row is named by its hash.
 */
async function arrangeSecondStep(t: TestDb) {
  const p = await insertPatient(t.db);
  const when = { old: ago(25 * HOUR), recent: ago(23 * HOUR), live: new Date(NOW.getTime() + 5 * MIN) };
  for (const [name, expiresAt] of Object.entries(when)) {
    const createdAt = new Date(expiresAt.getTime() - 5 * MIN);
    await t.db.insert(emailCodes).values({ patientId: p.id, purpose: "sign_in", codeHash: name, createdAt, expiresAt });
    await t.db.insert(pendingSignIns).values({
      tokenHash: name,
      patientId: p.id,
      sessionVersion: 1,
      purpose: "second_step",
      createdAt,
      expiresAt,
    });
    await t.db
      .insert(webauthnChallenges)
      .values({ challengeHash: name, purpose: "authenticate", patientId: p.id, createdAt, expiresAt });
    await t.db.insert(trustedDevices).values({ patientId: p.id, tokenHash: name, createdAt, expiresAt });
  }
}

describe.each(DB_KINDS)("retention job (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(async () => t?.close());

  it("deletes verification requests after 30 days, sent emails after 90, revoked sessions past the absolute lifetime, counters past their window, second-step rows a day after they expired; keeps the audit trail", async () => {
    await arrange(t);
    const auditBefore = await count(t, "audit_events");

    const deleted = await applyRetention(t.db, { now: NOW });

    expect(deleted).toMatchObject({
      verificationAttempts: 1,
      sentEmails: 1,
      revokedSessions: 1,
      heartbeats: 1,
      emailCodes: 1,
      pendingSignIns: 1,
      webauthnChallenges: 1,
      trustedDevices: 1,
    });
    const ips = await t.db.select({ ip: verificationAttempts.ipHash }).from(verificationAttempts);
    expect(ips.map((r) => r.ip)).toEqual(["recent-ip"]);
    const outbox = await t.db.select({ key: emailOutbox.idempotencyKey }).from(emailOutbox);
    expect(outbox.map((r) => r.key).sort()).toEqual(["failed-200d", "held-200d", "sent-89d"]);
    const sessions = await queryRows<{ session_id: string }>(t.db, sql`select session_id from revoked_sessions`);
    expect(sessions.map((r) => r.session_id)).toEqual(["live-session"]);
    const counters = await t.db.select({ key: rateLimitCounters.key }).from(rateLimitCounters);
    expect(counters.map((r) => r.key).sort()).toEqual([
      "not-a-known-rule:y",
      "verify-ip:current",
      "verify-ip:previous-window",
      // the two verification requests above counted their addresses too, 29 and 31 days ago
    ]);
    // Second-step rows go a day after they expired; the recently expired and the live ones stay.
    const left = [
      await t.db.select({ hash: emailCodes.codeHash }).from(emailCodes),
      await t.db.select({ hash: pendingSignIns.tokenHash }).from(pendingSignIns),
      await t.db.select({ hash: webauthnChallenges.challengeHash }).from(webauthnChallenges),
      await t.db.select({ hash: trustedDevices.tokenHash }).from(trustedDevices),
    ];
    for (const rows of left) expect(rows.map((r) => r.hash).sort()).toEqual(["live", "recent"]);
    // The audit trail, ten-year-old rows included, is untouched.
    expect(await count(t, "audit_events")).toBe(auditBefore);
    expect(await count(t, "audit_events", sql`event = 'test.ten_years_old'`)).toBe(1);

    // A second run finds nothing more.
    expect(await applyRetention(t.db, { now: NOW })).toEqual({
      verificationAttempts: 0,
      sentEmails: 0,
      revokedSessions: 0,
      counters: 0,
      heartbeats: 0,
      emailCodes: 0,
      pendingSignIns: 0,
      webauthnChallenges: 0,
      trustedDevices: 0,
    });
  });

  it("honours RETENTION_VERIFICATION_DAYS and RETENTION_SENT_EMAIL_DAYS", async () => {
    const { applyRetention, requestVerification } = await importWithEnv(
      { RETENTION_VERIFICATION_DAYS: "7", RETENTION_SENT_EMAIL_DAYS: "30" },
      async () => ({
        ...(await import("./apply-retention")),
        ...(await import("@/lib/verification/request-verification")),
      }),
    );
    try {
      await requestVerification(t.db, { flow: "register", details, ipHash: "eight-days", now: ago(8 * DAY) });
      await requestVerification(t.db, { flow: "register", details, ipHash: "six-days", now: ago(6 * DAY) });
      await outboxRow(t, "sent-31d", "sent", ago(31 * DAY));
      await outboxRow(t, "sent-29d", "sent", ago(29 * DAY));
      await applyRetention(t.db, { now: NOW });
      const ips = (await t.db.select({ ip: verificationAttempts.ipHash }).from(verificationAttempts)).map((r) => r.ip);
      expect(ips).toContain("six-days");
      expect(ips).not.toContain("eight-days");
      const keys = (await t.db.select({ key: emailOutbox.idempotencyKey }).from(emailOutbox)).map((r) => r.key);
      expect(keys).toContain("sent-29d");
      expect(keys).not.toContain("sent-31d");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
