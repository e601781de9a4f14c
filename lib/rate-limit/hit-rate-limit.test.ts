// The shared sliding-window limiter on a real database (PGlite, and PostgreSQL when DATABASE_URL is set): exact
// under concurrency, windows reset, reading does not count; and its wiring: verification
// 20 per 15 minutes per IP (docs/security.md V6), sign-in per IP (S2), bad link submissions (T8), limits from config.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { rateLimitCounters, verificationAttempts } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { importWithEnv } from "@/test-kit/import-with-env";
import { unseal } from "@/lib/crypto/seal";
import { inspectAccountLink } from "@/lib/tokens/inspect-account-link";
import { requestVerification } from "@/lib/verification/request-verification";
import { processVerifications } from "@/lib/verification/process-verifications";
import { RECIPIENT_CAP } from "@/lib/email/enqueue-email";
import { hitRateLimit, overRateLimit, RATE_LIMITS, type RateLimitRule } from "./hit-rate-limit";

const MIN = 60_000;
/** The start of a window of `seconds`, a few windows after a fixed date, so tests never straddle a boundary by accident. */
const windowStart = (seconds: number, n = 0) =>
  new Date(Math.ceil(Date.parse("2031-03-04T05:00:00Z") / (seconds * 1000)) * seconds * 1000 + n * seconds * 1000);
const counterOf = async (t: TestDb, rule: RateLimitRule, subject: string) =>
  (
    await t.db
      .select({ count: rateLimitCounters.count, windowStart: rateLimitCounters.windowStart })
      .from(rateLimitCounters)
      .where(eq(rateLimitCounters.key, `${rule.name}:${subject}`))
  ).sort((a, b) => +a.windowStart - +b.windowStart);

describe("RATE_LIMITS read the configuration each time", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const loadRateLimits = async (env: Record<string, string | undefined>) =>
    (await importWithEnv(env, () => import("./hit-rate-limit"))).RATE_LIMITS;

  it("defaults: verification 20 per 15 minutes, sign-in 20 per 5 minutes, bad links 10 per 10 minutes", async () => {
    const RATE_LIMITS = await loadRateLimits({
      RATE_LIMIT_VERIFY_PER_IP: undefined,
      RATE_LIMIT_SIGNIN_PER_IP: undefined,
    });
    expect(RATE_LIMITS.verificationPerIp).toEqual({ name: "verify-ip", limit: 20, windowSeconds: 15 * 60 });
    expect(RATE_LIMITS.signInPerIp).toEqual({ name: "signin-ip", limit: 20, windowSeconds: 5 * 60 });
    expect(RATE_LIMITS.tokenSubmitPerIp).toEqual({ name: "token-ip", limit: 10, windowSeconds: 10 * 60 });
  });

  it("RATE_LIMIT_VERIFY_PER_IP and RATE_LIMIT_SIGNIN_PER_IP change the limits; the windows stay", async () => {
    const RATE_LIMITS = await loadRateLimits({ RATE_LIMIT_VERIFY_PER_IP: "3", RATE_LIMIT_SIGNIN_PER_IP: "250" });
    expect(RATE_LIMITS.verificationPerIp).toEqual({ name: "verify-ip", limit: 3, windowSeconds: 900 });
    expect(RATE_LIMITS.signInPerIp).toEqual({ name: "signin-ip", limit: 250, windowSeconds: 300 });
  });

  it("a malformed limit stops start-up with the variable named", async () => {
    for (const bad of ["0", "-5", "ten", "1.5", "10001"]) {
      const RATE_LIMITS = await loadRateLimits({ RATE_LIMIT_SIGNIN_PER_IP: bad });
      expect(() => RATE_LIMITS.signInPerIp, bad).toThrow(/RATE_LIMIT_SIGNIN_PER_IP/);
    }
  });
});

describe.each(DB_KINDS)("rate limiter (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  it("50 concurrent hits against a limit of 20: exactly 20 allowed, each count handed out once", async () => {
    const rule = { name: "test-concurrent", limit: 20, windowSeconds: 60 };
    const now = windowStart(60);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => hitRateLimit(t.db, { rule, subject: "ip-a", now })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (const r of results) expect(r.allowed).toBe(r.count <= 20);
    expect(await counterOf(t, rule, "ip-a")).toEqual([{ count: 50, windowStart: now }]);
  });

  it("concurrent callers spread over a window and several subjects: exactly `limit` allowed per subject", async () => {
    const rule = { name: "test-spread", limit: 7, windowSeconds: 600 };
    const base = windowStart(600);
    const hits = Array.from({ length: 60 }, (_, i) => ({
      subject: `ip-${i % 3}`,
      now: new Date(base.getTime() + ((i * 9_973) % 599_000)),
    }));
    const results = await Promise.all(hits.map((h) => hitRateLimit(t.db, { rule, ...h })));
    for (const s of ["ip-0", "ip-1", "ip-2"]) {
      expect(results.filter((r, i) => hits[i].subject === s && r.allowed)).toHaveLength(7);
      expect(await counterOf(t, rule, s)).toEqual([{ count: 20, windowStart: base }]);
    }
  });

  it("rules and subjects count separately", async () => {
    const a = { name: "test-sep-a", limit: 2, windowSeconds: 60 };
    const b = { name: "test-sep-b", limit: 2, windowSeconds: 60 };
    const now = windowStart(60);
    for (let i = 0; i < 3; i++) await hitRateLimit(t.db, { rule: a, subject: "x", now });
    expect(await hitRateLimit(t.db, { rule: b, subject: "x", now })).toEqual({ allowed: true, count: 1 });
    expect(await hitRateLimit(t.db, { rule: a, subject: "y", now })).toEqual({ allowed: true, count: 1 });
  });

  it("the window slides: the previous window weighs in by its overlap, and is forgotten a full window later", async () => {
    const rule = { name: "test-window", limit: 3, windowSeconds: 15 * 60 };
    const w0 = windowStart(rule.windowSeconds);
    const at = (ms: number) => new Date(w0.getTime() + ms);
    for (let i = 0; i < 3; i++)
      expect((await hitRateLimit(t.db, { rule, subject: "ip", now: at(i * MIN) })).allowed).toBe(true);
    expect(await hitRateLimit(t.db, { rule, subject: "ip", now: at(15 * MIN - 1) })).toEqual({
      allowed: false,
      count: 4,
    });
    expect(await overRateLimit(t.db, { rule, subject: "ip", now: at(15 * MIN - 1) })).toBe(true);
    // Just after the boundary the 4 hits of a moment ago still count in full.
    expect(await overRateLimit(t.db, { rule, subject: "ip", now: at(15 * MIN) })).toBe(true);
    expect(await hitRateLimit(t.db, { rule, subject: "ip", now: at(15 * MIN + 1) })).toEqual({
      allowed: false,
      count: 1,
    });
    // Three quarters into the next window a quarter of them weigh: 1 + ceil(4 × 0.25) = 2, so one more fits.
    expect(await overRateLimit(t.db, { rule, subject: "ip", now: at(15 * MIN + 11.25 * MIN) })).toBe(false);
    expect(await hitRateLimit(t.db, { rule, subject: "ip", now: at(15 * MIN + 11.25 * MIN) })).toEqual({
      allowed: true,
      count: 2,
    });
    expect((await hitRateLimit(t.db, { rule, subject: "ip", now: at(15 * MIN + 11.25 * MIN) })).allowed).toBe(false);
    // Two windows on, nothing of the first remains.
    expect(await hitRateLimit(t.db, { rule, subject: "ip", now: at(45 * MIN) })).toEqual({ allowed: true, count: 1 });
    expect((await counterOf(t, rule, "ip")).map((c) => c.count)).toEqual([4, 3, 1]);
  });

  it("a burst on each side of a window boundary gets no more than the limit in all", async () => {
    const rule = { name: "test-boundary", limit: 20, windowSeconds: 5 * 60 };
    const w1 = windowStart(rule.windowSeconds, 1);
    const before = await Promise.all(
      Array.from({ length: 20 }, () => hitRateLimit(t.db, { rule, subject: "ip", now: new Date(w1.getTime() - 1000) })),
    );
    const after = await Promise.all(
      Array.from({ length: 20 }, () => hitRateLimit(t.db, { rule, subject: "ip", now: new Date(w1.getTime() + 1000) })),
    );
    expect(before.filter((r) => r.allowed)).toHaveLength(20);
    expect(after.filter((r) => r.allowed)).toHaveLength(0);
  });

  it("overRateLimit reads without counting, and says 'over' once `limit` hits are in", async () => {
    const rule = { name: "test-read", limit: 5, windowSeconds: 600 };
    const now = windowStart(600);
    for (let i = 0; i < 30; i++) expect(await overRateLimit(t.db, { rule, subject: "ip", now })).toBe(false);
    expect(await counterOf(t, rule, "ip")).toEqual([]);
    for (let i = 1; i <= 5; i++) {
      expect(await overRateLimit(t.db, { rule, subject: "ip", now })).toBe(false);
      expect(await hitRateLimit(t.db, { rule, subject: "ip", now })).toEqual({ allowed: true, count: i });
    }
    const reads = await Promise.all(
      Array.from({ length: 20 }, () => overRateLimit(t.db, { rule, subject: "ip", now })),
    );
    expect(reads.every(Boolean)).toBe(true);
    expect(await counterOf(t, rule, "ip")).toEqual([{ count: 5, windowStart: now }]);
  });

  it("verification: 20 requests per 15 minutes per IP are matched; the rest are counted on one rate_limited row, sealed nothing, same answer", async () => {
    const p = await insertPatient(t.db, { email: "limited.patient@example.com" });
    const details = { email: p.email!, lastName: p.lastName, dateOfBirth: p.dateOfBirth, zip: p.zip! };
    const w0 = windowStart(15 * 60);
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        requestVerification(t.db, {
          flow: "forgot_username",
          details,
          ipHash: "busy-clinic-ip",
          now: new Date(w0.getTime() + i * 1_000),
        }),
      ),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a ?? null)))).toEqual(new Set(["null"]));
    const rows = await t.db
      .select()
      .from(verificationAttempts)
      .where(eq(verificationAttempts.ipHash, "busy-clinic-ip"));
    // The 5 over the limit are counted on one row, not stored one row each (docs/security.md L2).
    expect(rows).toHaveLength(21);
    const limited = rows.filter((r) => r.outcome === "rate_limited");
    expect(limited.map((r) => r.repeats)).toEqual([5]);
    for (const r of limited) expect(r).toMatchObject({ sealedInput: null, matchedPatientId: null });
    for (const r of limited) expect(r.processedAt).not.toBeNull();
    expect(rows.filter((r) => r.sealedInput !== null && r.processedAt === null)).toHaveLength(20);
    // Another address is not affected; the same address is welcome again once the window has slid past.
    await requestVerification(t.db, { flow: "forgot_username", details, ipHash: "another-ip", now: w0 });
    await requestVerification(t.db, {
      flow: "forgot_username",
      details,
      ipHash: "busy-clinic-ip",
      now: new Date(w0.getTime() + 30 * MIN),
    });
    const other = await t.db
      .select({ outcome: verificationAttempts.outcome })
      .from(verificationAttempts)
      .where(eq(verificationAttempts.ipHash, "another-ip"));
    const nextWindow = await t.db
      .select({ outcome: verificationAttempts.outcome })
      .from(verificationAttempts)
      .where(
        and(
          eq(verificationAttempts.ipHash, "busy-clinic-ip"),
          sql`${verificationAttempts.createdAt} >= ${new Date(w0.getTime() + 30 * MIN).toISOString()}::timestamptz`,
        ),
      );
    const later = [...other, ...nextWindow];
    expect(later.map((r) => r.outcome)).toEqual([null, null]);
    // The worker never matches a rate-limited request (it has nothing to match with).
    while ((await processVerifications(t.db)) > 0);
    const after = await t.db
      .select()
      .from(verificationAttempts)
      .where(eq(verificationAttempts.ipHash, "busy-clinic-ip"));
    expect(after.filter((r) => r.outcome === "rate_limited").map((r) => r.repeats)).toEqual([5]);
    expect(after.every((r) => r.sealedInput === null)).toBe(true);
  });

  it("verification honours RATE_LIMIT_VERIFY_PER_IP", async () => {
    const { requestVerification } = await importWithEnv(
      { RATE_LIMIT_VERIFY_PER_IP: "2" },
      () => import("@/lib/verification/request-verification"),
    );
    try {
      const details = { email: "cfg.limit@example.com", lastName: "Nobody", dateOfBirth: "1970-01-01", zip: "10001" };
      const w = windowStart(15 * 60, 3);
      for (let i = 0; i < 4; i++)
        await requestVerification(t.db, { flow: "register", details, ipHash: "cfg-ip", now: w });
      const rows = await t.db
        .select({ outcome: verificationAttempts.outcome, repeats: verificationAttempts.repeats })
        .from(verificationAttempts)
        .where(eq(verificationAttempts.ipHash, "cfg-ip"));
      expect(rows.filter((r) => r.outcome === "rate_limited").map((r) => r.repeats)).toEqual([2]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("sign-in (S2): as auth.ts calls it, the 21st attempt from one address in 5 minutes is refused, before any hashing", async () => {
    const rule = RATE_LIMITS.signInPerIp;
    const w = windowStart(rule.windowSeconds, 7);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        hitRateLimit(t.db, { rule, subject: "signin-ip-hash", now: new Date(w.getTime() + i * 5_000) }),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(
      (await hitRateLimit(t.db, { rule, subject: "signin-ip-hash", now: new Date(w.getTime() + 5 * MIN) })).allowed,
    ).toBe(false);
    expect(
      (await hitRateLimit(t.db, { rule, subject: "signin-ip-hash", now: new Date(w.getTime() + 10 * MIN) })).allowed,
    ).toBe(true);
  });

  it("bad link submissions (T8): counted only on failure, refused once 10 are in, for 10 minutes", async () => {
    const rule = RATE_LIMITS.tokenSubmitPerIp;
    const w = windowStart(rule.windowSeconds, 5);
    const key = { rule, subject: "link-guesser", now: w };
    for (let i = 0; i < 10; i++) {
      expect(await overRateLimit(t.db, key)).toBe(false);
      await hitRateLimit(t.db, key); // the submission failed
    }
    expect(await overRateLimit(t.db, key)).toBe(true);
    // The window slides: right after 10 minutes they still count, a minute later they start to age out.
    expect(await overRateLimit(t.db, { ...key, now: new Date(w.getTime() + 10 * MIN) })).toBe(true);
    expect(await overRateLimit(t.db, { ...key, now: new Date(w.getTime() + 11 * MIN) })).toBe(false);
  });

  // docs/security.md V5 caps emails per recipient. When the cap holds an email back, the link it would have carried
  // must not void the links the patient already received (issueAccountLink revokes older links of the purpose).
  it("V5: a reset request held back by the recipient cap leaves the last delivered reset link working", async () => {
    const p = await insertPatient(t.db, { email: "impatient.patient@example.com" });
    await insertAccount(t.db, p.id);
    const details = { email: p.email!, lastName: p.lastName, dateOfBirth: p.dateOfBirth, zip: p.zip! };
    const now = new Date();
    for (let i = 0; i <= RECIPIENT_CAP.perHour; i++) {
      await requestVerification(t.db, {
        flow: "forgot_password",
        details,
        ipHash: `impatient-${i}`,
        now: new Date(now.getTime() + i * 60_000),
      });
      while ((await processVerifications(t.db, { now: () => new Date(now.getTime() + i * 60_000) })) > 0);
    }
    const mails = await queryRows<{ status: string; sealed_secret: string | null }>(
      t.db,
      sql`select status, sealed_secret from email_outbox where recipient = 'impatient.patient@example.com' order by created_at`,
    );
    expect(mails.map((m) => m.status)).toEqual(["queued", "queued", "queued", "held"]);
    const delivered = mails
      .filter((m) => m.sealed_secret)
      .map((m) => /token=([A-Za-z0-9_-]{43})/.exec(JSON.stringify(unseal(m.sealed_secret!)))![1]);
    const states = await Promise.all(
      delivered.map(async (tok) => (await inspectAccountLink(t.db, tok, new Date(now.getTime() + 5 * 60_000))).state),
    );
    expect(states.at(-1), `states of the delivered links, oldest first: ${states.join(", ")}`).toBe("valid");
  });
});
