// The setup form is not a free username oracle or a free hasher (issue 11, point 2): a taken username is
// answered before any password is hashed, audited, and counted against the address and against the link.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, portalAccounts } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { hashPassword } from "@/lib/auth/password-hash";
import { issueAccountLink } from "@/lib/tokens/issue-account-link";
import { inspectAccountLink } from "@/lib/tokens/inspect-account-link";
import { runWithinBadLinkLimit } from "@/lib/rate-limit/limit-bad-links";
import { setPasswordWithLink } from "./set-password-with-link";

// The real hash function, counted: "hashes nothing" is then something the test can see.
vi.mock("@/lib/auth/password-hash", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password-hash")>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});
const hashes = () => vi.mocked(hashPassword).mock.calls.length;

const password = "a long walk by the harbour";
const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

describe.each(DB_KINDS)("a taken username on the setup form (%s)", (kind) => {
  let t: TestDb;
  const TAKEN = ["taken.one", "taken.two", "taken.three"];
  beforeAll(async () => {
    t = await openTestDb(kind);
    for (const username of TAKEN) await insertAccount(t.db, (await insertPatient(t.db)).id, { username });
  });
  afterAll(() => t?.close());
  beforeEach(() => {
    vi.mocked(hashPassword).mockClear();
  });

  const setupLink = async (now: Date) => {
    const p = await insertPatient(t.db);
    const link = await t.db.transaction((tx) =>
      issueAccountLink(tx, { patientId: p.id, purpose: "setup", via: "self_service", now }),
    );
    return { patientId: p.id, token: tokenOf(link.url) };
  };
  const submit = (address: string, token: string, username: string, now: Date) =>
    runWithinBadLinkLimit(t.db, { address, now }, () =>
      setPasswordWithLink(t.db, { token, purpose: "setup", username, password, now }),
    );
  const accountOf = (patientId: string) =>
    t.db.select().from(portalAccounts).where(eq(portalAccounts.patientId, patientId));

  it("is answered before any hashing, and audited as account.username_taken without the username", async () => {
    const now = new Date("2026-12-01T09:00:00Z");
    const link = await setupLink(now);
    expect(await submit("addr-one", link.token, "Taken.One", now)).toEqual({ ok: false, reason: "username_taken" });
    expect(hashes()).toBe(0);
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, link.patientId), eq(auditEvents.event, "account.username_taken")));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]).toLowerCase()).not.toContain("taken.one");
    // The link still works for a username nobody has.
    expect(await submit("addr-one", link.token, "free.name", now)).toEqual({ ok: true, username: "free.name" });
    expect(hashes()).toBe(1);
  });

  it("the 11th try from one address hashes nothing: 10 taken answers fill the address's limit and void the link", async () => {
    const now = new Date("2026-12-01T10:00:00Z");
    const link = await setupLink(now);
    for (let i = 0; i < 10; i++) {
      expect(await submit("addr-probe", link.token, TAKEN[i % TAKEN.length], now)).toEqual({
        ok: false,
        reason: "username_taken",
      });
    }
    expect(hashes()).toBe(0);
    // The 11th, with a username nobody has: refused before any work.
    expect((await submit("addr-probe", link.token, "brand.new.name", now)).ok).toBe(false);
    expect(hashes()).toBe(0);
    expect(await accountOf(link.patientId)).toHaveLength(0);
    // From another address the link itself is void, and says why.
    expect(await submit("addr-elsewhere", link.token, "brand.new.name", now)).toEqual({
      ok: false,
      reason: "link",
      state: "too_many_usernames",
    });
    expect((await inspectAccountLink(t.db, link.token, now)).state).toBe("too_many_usernames");
    expect(hashes()).toBe(0);
    expect(await accountOf(link.patientId)).toHaveLength(0);
  });

  it("ten taken answers from ten addresses void the link too", async () => {
    const now = new Date("2026-12-01T11:00:00Z");
    const link = await setupLink(now);
    for (let i = 0; i < 10; i++) {
      expect((await submit(`addr-spread-${i}`, link.token, TAKEN[i % TAKEN.length], now)).ok).toBe(false);
    }
    expect(await submit("addr-spread-last", link.token, "brand.new.two", now)).toEqual({
      ok: false,
      reason: "link",
      state: "too_many_usernames",
    });
    expect(hashes()).toBe(0);
  });
});
