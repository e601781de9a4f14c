// A one-word search matches last or first names through two branches (last names gathered and sorted, first names
// left to the planner): the list must still come in list order, each patient once, page after page, both ways.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { patients } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { parsePatientSearch } from "@/lib/patients/search";
import type { PortalStatusKind } from "@/lib/patients/portal-status";
import { countPatientsByStatus, listPatients, type Cursor } from "./patients";

const PEOPLE = [
  ["Marvin", "Marsh"], // both names match "mar"
  ["Ann", "Mars"],
  ["Mary", "Smith"],
  ["Mark", "Adams"],
  ["Zed", "Marley"],
  ["Maria", "Young"],
  ["Bob", "Marquez"],
  ["Omar", "Lee"], // "mar" inside a name is not a prefix
  ["Marcus", "Marsh"],
  ["Tom", "Brown"],
] as const;

describe.each(DB_KINDS)("one-word search pages (%s)", (kind) => {
  let t: TestDb;
  const now = new Date();
  beforeAll(async () => {
    t = await openTestDb(kind);
    await t.db.insert(patients).values(
      PEOPLE.map(([firstName, lastName], i) => ({
        chartNumber: `S${i}`,
        firstName,
        lastName,
        dateOfBirth: "1970-01-01",
        email: `p${i}@example.com`,
        zip: "62701",
        portalAccessEnabled: i % 2 === 0, // half Inactive, half Unactivated
      })),
    );
  });
  afterAll(() => t?.close());

  const expected = (status?: PortalStatusKind) =>
    PEOPLE.map(([first, last], i) => ({ first, last, status: i % 2 === 0 ? "unactivated" : "inactive" }))
      .filter((p) => p.first.toLowerCase().startsWith("mar") || p.last.toLowerCase().startsWith("mar"))
      .filter((p) => !status || p.status === status)
      .sort((a, b) => (a.last === b.last ? (a.first < b.first ? -1 : 1) : a.last < b.last ? -1 : 1))
      .map((p) => `${p.first} ${p.last}`);

  it("lists last- and first-name matches together in list order, each once, page by page and back", async () => {
    for (const status of [undefined, "inactive", "unactivated"] as const) {
      const search = parsePatientSearch("Mar");
      const seen: string[] = [];
      const pages: string[][] = [];
      let after: Cursor | null = null;
      for (;;) {
        const page: Awaited<ReturnType<typeof listPatients>> = await listPatients(t.db, {
          search,
          status,
          after,
          limit: 2,
          now,
        });
        pages.push(page.rows.map((r) => `${r.firstName} ${r.lastName}`));
        seen.push(...pages.at(-1)!);
        if (!page.next) break;
        if (pages.length === 2) {
          const back = await listPatients(t.db, { search, status, before: page.prev, limit: 2, now });
          expect(back.rows.map((r) => `${r.firstName} ${r.lastName}`)).toEqual(pages[0]);
        }
        after = page.next;
      }
      expect(seen, String(status)).toEqual(expected(status));
      const counts = await countPatientsByStatus(t.db, search);
      expect(status ? counts[status] : counts.all).toBe(expected(status).length);
    }
  });

  it("counts a one-word search's matches up to the cap, a patient matching by both names once", async () => {
    const cap = 3;
    const counts = await countPatientsByStatus(t.db, parsePatientSearch("mar"), cap);
    const capped = (status: PortalStatusKind) => Math.min(expected(status).length, cap + 1);
    expect(counts).toEqual({
      inactive: capped("inactive"),
      unactivated: capped("unactivated"),
      active: 0,
      all: expected().length > cap ? cap + 1 : expected().length,
    });
    expect(capped("unactivated")).toBe(cap + 1); // the cap is reached by one status, not by the other
    expect(capped("inactive")).toBe(cap);
  });
});
