// Staff recovery codes (docs/security.md M5) on a real database: ten distinct codes of 60 random bits, stored
// only as hashes, each usable once (also when two sign-ins race with it), forgiving of how it is typed, voided
// by issuing new ones, and never working for another staff member.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertFrontDesk } from "@/test-kit/factories";
import { dumpDatabase } from "@/test-kit/secret-scan";
import {
  issueRecoveryCodes,
  normalizeRecoveryCode,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_COUNT,
  recoveryCodesLeft,
  useRecoveryCode,
} from "./recovery-codes";

const SHAPE = /^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/;

describe("recovery codes: shape and randomness", () => {
  it("use 32 symbols without i, l, o or u, so 12 of them carry 60 bits", () => {
    expect(new Set(RECOVERY_CODE_ALPHABET).size).toBe(32);
    expect(RECOVERY_CODE_ALPHABET).not.toMatch(/[ilou]/);
    expect(12 * Math.log2(RECOVERY_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(50);
  });

  it("read what was typed the forgiving way: any case, spaces, hyphens and dashes, look-alike letters", () => {
    expect(normalizeRecoveryCode("abcd-efgh-jkmn")).toBe("abcdefghjkmn");
    expect(normalizeRecoveryCode("  ABCD EFGH\tJKMN ")).toBe("abcdefghjkmn");
    expect(normalizeRecoveryCode("abcd–efgh—jkmn")).toBe("abcdefghjkmn");
    expect(normalizeRecoveryCode("ＡＢＣＤ-ＥＦＧＨ")).toBe("abcdefgh"); // full-width, as some keyboards type
    expect(normalizeRecoveryCode("O0o-Il1i")).toBe("0001111");
  });
});

describe.each(DB_KINDS)("recovery codes (%s)", (kind) => {
  let t: TestDb;
  let staffId = "";
  let otherStaffId = "";
  const now = new Date("2031-03-01T09:00:00Z");
  const issue = (id: string) => t.db.transaction((tx) => issueRecoveryCodes(tx, { staffId: id, now }));
  const use = (id: string, typed: string) => t.db.transaction((tx) => useRecoveryCode(tx, { staffId: id, typed, now }));

  beforeAll(async () => {
    t = await openTestDb(kind);
    staffId = await insertFrontDesk(t.db, "recovery.one@clinic.test");
    otherStaffId = await insertFrontDesk(t.db, "recovery.two@clinic.test");
  });
  afterAll(() => t?.close());

  it("issues ten distinct codes, shaped xxxx-xxxx-xxxx, with every symbol about equally likely", async () => {
    const codes = await issue(staffId);
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const c of codes) expect(c).toMatch(SHAPE);
    expect(await recoveryCodesLeft(t.db, staffId)).toBe(10);

    // 60 bits only if every symbol is drawn evenly: 12,000 symbols, 375 expected each (sd ≈ 19).
    const tally = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      for (const c of await issue(otherStaffId))
        for (const ch of c.replaceAll("-", "")) tally.set(ch, (tally.get(ch) ?? 0) + 1);
    }
    expect([...tally.keys()].sort().join("")).toBe(RECOVERY_CODE_ALPHABET);
    for (const [ch, n] of tally) {
      expect(n, ch).toBeGreaterThan(250);
      expect(n, ch).toBeLessThan(500);
    }
  });

  it("keeps only hashes: no code, in any form, anywhere in the database", async () => {
    const codes = await issue(staffId);
    const dump = Object.values(await dumpDatabase(t.db))
      .flat()
      .join("\n");
    for (const c of codes) {
      expect(dump).not.toContain(c);
      expect(dump).not.toContain(normalizeRecoveryCode(c));
    }
    const rows = await queryRows<{ code_hash: string }>(
      t.db,
      sql`select code_hash from recovery_codes where staff_user_id = ${staffId}`,
    );
    expect(rows).toHaveLength(10);
    for (const r of rows) expect(r.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("each code works once; the count of codes left goes down", async () => {
    const codes = await issue(staffId);
    expect(await use(staffId, codes[3])).toBe(true);
    expect(await use(staffId, codes[3])).toBe(false);
    expect(await recoveryCodesLeft(t.db, staffId)).toBe(9);
    expect(await use(staffId, codes[4])).toBe(true);
    expect(await recoveryCodesLeft(t.db, staffId)).toBe(8);
  });

  it("works however it is typed: upper case, spaces instead of hyphens, none at all", async () => {
    const codes = await issue(staffId);
    expect(await use(staffId, ` ${codes[0].toUpperCase()} `)).toBe(true);
    expect(await use(staffId, codes[1].replaceAll("-", " "))).toBe(true);
    expect(await use(staffId, codes[2].replaceAll("-", ""))).toBe(true);
    // One symbol off is a different code.
    const last = codes[5].at(-1)!;
    const wrong =
      codes[5].slice(0, -1) + (last === "z" ? "y" : RECOVERY_CODE_ALPHABET[RECOVERY_CODE_ALPHABET.indexOf(last) + 1]);
    expect(await use(staffId, wrong)).toBe(false);
    expect(await use(staffId, "")).toBe(false);
    expect(await recoveryCodesLeft(t.db, staffId)).toBe(7);
  });

  it("issuing new codes voids every earlier one, used or not", async () => {
    const old = await issue(staffId);
    await use(staffId, old[0]);
    const fresh = await issue(staffId);
    expect(await recoveryCodesLeft(t.db, staffId)).toBe(10);
    for (const c of old) expect(await use(staffId, c)).toBe(false);
    expect(await use(staffId, fresh[0])).toBe(true);
  });

  it("another staff member's code does not work, and is not used up by trying it", async () => {
    const mine = await issue(staffId);
    const theirs = await issue(otherStaffId);
    expect(await use(staffId, theirs[0])).toBe(false);
    expect(await use(otherStaffId, mine[0])).toBe(false);
    expect(await recoveryCodesLeft(t.db, otherStaffId)).toBe(10);
    expect(await use(otherStaffId, theirs[0])).toBe(true);
  });

  it("one code used by parallel sign-ins: exactly one of them gets in", async () => {
    const codes = await issue(staffId);
    const results = await Promise.all(Array.from({ length: 8 }, () => use(staffId, codes[7])));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await recoveryCodesLeft(t.db, staffId)).toBe(9);
  });

  it("audits issuing and each use, with no code in the details", async () => {
    const codes = await issue(staffId);
    await use(staffId, codes[0]);
    const rows = await queryRows<{ event: string; actor_staff_id: string; details: Record<string, unknown> }>(
      t.db,
      sql`select event, actor_staff_id, details from audit_events
          where event like 'second_factor.recovery_code%' and actor_staff_id = ${staffId} order by id desc limit 2`,
    );
    expect(rows.map((r) => [r.event, r.details])).toEqual([
      ["second_factor.recovery_code_used", { left: 9 }],
      ["second_factor.recovery_codes_issued", { count: 10 }],
    ]);
  });
});
