// The per-recipient cap counts by mailbox (docs/security.md V5): the JavaScript rule, and the SQL function the
// cap query uses on rows already in the outbox, give the same answer for every address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { canonicalMailbox } from "./canonical-mailbox";

const CASES: [string, string][] = [
  ["victim@example.org", "victim@example.org"],
  ["Victim@Example.ORG", "victim@example.org"],
  ["  victim@example.org ", "victim@example.org"],
  ["victim+1@example.org", "victim@example.org"],
  ["victim+news+2@example.org", "victim@example.org"],
  ["victim+@example.org", "victim@example.org"],
  // Dots matter outside Gmail: first.last and firstlast may be two people.
  ["first.last@example.org", "first.last@example.org"],
  ["first.last+x@example.org", "first.last@example.org"],
  ["First.Last+x@gmail.com", "firstlast@gmail.com"],
  ["f.i.r.s.t.last@googlemail.com", "firstlast@gmail.com"],
  ["firstlast@GoogleMail.com", "firstlast@gmail.com"],
  // A +tag only counts in the local part; a domain is taken as written.
  ["victim@mail.gmail.com", "victim@mail.gmail.com"],
  ["victim@example+x.org", "victim@example+x.org"],
  ["no-at-sign", "no-at-sign"],
];

describe("canonicalMailbox", () => {
  it.each(CASES)("%s counts as %s", (address, mailbox) => {
    expect(canonicalMailbox(address)).toBe(mailbox);
  });
  it("is idempotent", () => {
    for (const [address] of CASES) expect(canonicalMailbox(canonicalMailbox(address))).toBe(canonicalMailbox(address));
  });
});

describe.each(DB_KINDS)("email_mailbox() in SQL (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(async () => t?.close());

  it("agrees with canonicalMailbox on every case", async () => {
    const addresses = CASES.map(([a]) => a.trim().toLowerCase());
    const rows = await queryRows<{ address: string; mailbox: string }>(
      t.db,
      sql`select a.value as address, email_mailbox(a.value) as mailbox
          from json_array_elements_text(${JSON.stringify(addresses)}::json) a`,
    );
    expect(rows.map((r) => [r.address, r.mailbox])).toEqual(addresses.map((a) => [a, canonicalMailbox(a)]));
  });
});
