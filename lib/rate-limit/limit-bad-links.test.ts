// T8 on a real database: bad link submissions from one address are capped, good ones never count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { portalAccounts } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertPatient } from "@/test-kit/factories";
import { issueAccountLink } from "@/lib/tokens/issue-account-link";
import { setPasswordWithLink } from "@/lib/accounts/set-password-with-link";
import { runWithinBadLinkLimit } from "./limit-bad-links";

const password = "a long walk by the harbour";
const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

describe.each(DB_KINDS)("bad link submissions per address (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  const submit = (address: string, token: string, username: string, now: Date) =>
    runWithinBadLinkLimit(t.db, { address, now }, () =>
      setPasswordWithLink(t.db, { token, purpose: "setup", username, password, now }),
    );
  const goodToken = async (now: Date) => {
    const p = await insertPatient(t.db);
    const link = await t.db.transaction((tx) =>
      issueAccountLink(tx, { patientId: p.id, purpose: "setup", via: "self_service", now }),
    );
    return { patientId: p.id, token: tokenOf(link.url) };
  };
  const accountOf = (patientId: string) =>
    t.db.select().from(portalAccounts).where(eq(portalAccounts.patientId, patientId));

  it("after 10 bad links from one address, even a good link is refused for that address and nothing is written", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    for (let i = 0; i < 10; i++) {
      expect(await submit("addr-flood", randomBytes(32).toString("base64url"), `guess${i}`, now)).toEqual({
        ok: false,
        reason: "link",
        state: "unknown",
      });
    }
    const good = await goodToken(now);
    expect(await submit("addr-flood", good.token, "blocked.user", now)).toEqual({
      ok: false,
      reason: "link",
      state: "unknown",
    });
    expect(await accountOf(good.patientId)).toHaveLength(0);
    // Another address is not affected, and the same link still works there.
    expect(await submit("addr-other", good.token, "other.user", now)).toEqual({ ok: true, username: "other.user" });
    expect(await accountOf(good.patientId)).toHaveLength(1);
  });

  it("the bad links age out as the 10-minute window slides past them", async () => {
    const now = new Date("2026-11-27T12:00:00Z");
    for (let i = 0; i < 10; i++) await submit("addr-later", randomBytes(32).toString("base64url"), `g${i}`, now);
    const later = new Date(now.getTime() + 11 * 60_000);
    const good = await goodToken(later);
    expect(await submit("addr-later", good.token, "patient.later", later)).toEqual({
      ok: true,
      username: "patient.later",
    });
  });

  it("good links never count: 12 patients setting up from one address all succeed", async () => {
    const now = new Date("2026-11-27T14:00:00Z");
    for (let i = 0; i < 12; i++) {
      const good = await goodToken(now);
      expect((await submit("addr-family", good.token, `family.${i}`, now)).ok).toBe(true);
    }
    // Nine bad ones afterwards are still under the limit: the tenth address failure is what trips it.
    for (let i = 0; i < 9; i++) await submit("addr-family", randomBytes(32).toString("base64url"), `x${i}`, now);
    const good = await goodToken(now);
    expect((await submit("addr-family", good.token, "family.last", now)).ok).toBe(true);
  });
});
