// Staff list on the demo practice: search by each kind of term, filter by status, keyset pages both ways.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { parsePatientSearch } from "@/lib/patients/search";
import { countPatientsByStatus, getPatientDash, listPatients } from "./patients";

describe.each(DB_KINDS)("patient list (%s)", (kind) => {
  let t: TestDb;
  const now = new Date();
  const names = async (q: string) =>
    (await listPatients(t.db, { search: parsePatientSearch(q), limit: 50, now })).rows.map(
      (r) => `${r.firstName} ${r.lastName}`,
    );

  beforeAll(async () => {
    t = await openTestDb(kind, { seedDemo: true });
  });
  afterAll(() => t?.close());

  it("finds patients by last-name prefix, 'Last, First', date of birth, chart number and email", async () => {
    expect(await names("garc")).toEqual(["Maria García-López"]);
    expect(await names("Nguyen, Li")).toEqual(["Linh Nguyen"]);
    expect(await names("Nguyen")).toEqual(["Linh Nguyen", "Minh Nguyen", "Robert Nguyen"]);
    expect(await names("11/30/1965")).toEqual(["Sean O'Brien"]);
    expect(await names("MRN-10002")).toEqual(["Sean O'Brien"]);
    expect(await names("NGUYEN.FAMILY@example.com")).toHaveLength(3);
    expect(await names("o'b")).toEqual(["Sean O'Brien"]);
    expect(await names("%")).toEqual([]);
  });

  it("filters by status and counts each status", async () => {
    const counts = await countPatientsByStatus(t.db, { kind: "all" });
    expect(counts.all).toBe(counts.inactive + counts.unactivated + counts.active);
    expect(counts.inactive).toBeGreaterThan(0);
    expect(counts.unactivated).toBeGreaterThan(0);
    expect(counts.active).toBeGreaterThan(0);
    const inactive = await listPatients(t.db, { search: { kind: "all" }, status: "inactive", limit: 100, now });
    expect(inactive.rows).toHaveLength(counts.inactive);
    expect(inactive.rows.every((r) => r.status.kind === "inactive")).toBe(true);
  });

  it("pages forward and back with keyset cursors, with no patient missed or repeated", async () => {
    const seen: string[] = [];
    let page = await listPatients(t.db, { search: { kind: "all" }, limit: 7, now });
    expect(page.prev).toBeNull();
    const pages = [page];
    seen.push(...page.rows.map((r) => r.id));
    while (page.next) {
      page = await listPatients(t.db, { search: { kind: "all" }, after: page.next, limit: 7, now });
      pages.push(page);
      seen.push(...page.rows.map((r) => r.id));
    }
    const counts = await countPatientsByStatus(t.db, { kind: "all" });
    expect(new Set(seen).size).toBe(counts.all);
    expect(seen).toHaveLength(counts.all);
    const back = await listPatients(t.db, { search: { kind: "all" }, before: pages[2].prev, limit: 7, now });
    expect(back.rows.map((r) => r.id)).toEqual(pages[1].rows.map((r) => r.id));
    expect(back.next).not.toBeNull();
  });

  it("shows the dash for a patient, and nothing for an id that is not a patient", async () => {
    const [row] = (await listPatients(t.db, { search: parsePatientSearch("Kowalski"), limit: 5, now })).rows;
    const dash = await getPatientDash(t.db, row.id, now);
    expect(dash?.status).toEqual({ kind: "inactive", reasons: ["no_email"] });
    expect(await getPatientDash(t.db, "00000000-0000-0000-0000-000000000000", now)).toBeNull();
    expect(await getPatientDash(t.db, "'; drop table patients; --", now)).toBeNull();
  });
});
