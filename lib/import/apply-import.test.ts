// Imports against real databases: what is stored, that a bad row stops everything, and that re-running changes nothing.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, inArray, like } from "drizzle-orm";
import { accountTokens, auditEvents, emailOutbox, patients, portalAccounts } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { issueAccountLink } from "@/lib/tokens/issue-account-link";
import { inspectAccountLink } from "@/lib/tokens/inspect-account-link";
import { applyImport } from "./apply-import";
import { formatImportReport } from "./format-import-report";
import { parseImportFile } from "./parse-import-file";

const example = (name: string) => parseImportFile(name, readFileSync(`db/examples/${name}`, "utf8"));
const csvHeader = "chart_number,first_name,last_name,date_of_birth,email,zip,chart_status,portal_access";

describe.each(DB_KINDS)("applyImport (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  const byChartPrefix = (prefix: string) =>
    t.db
      .select()
      .from(patients)
      .where(like(patients.chartNumber, `${prefix}%`))
      .orderBy(asc(patients.chartNumber));
  const auditFor = (ids: string[]) => t.db.select().from(auditEvents).where(inArray(auditEvents.patientId, ids));

  it("imports the example CSV: every row added with its fields, one audit event each, no PHI in it", async () => {
    const parsed = example("patients.csv");
    const outcome = await applyImport(t.db, parsed);
    expect(formatImportReport(parsed, outcome)).toEqual([
      "10 rows read: 10 added, 0 updated, 0 unchanged, 0 with problems",
    ]);

    const rows = await byChartPrefix("MRN-200");
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({
      chartNumber: "MRN-20001",
      firstName: "José",
      lastName: "Hernández",
      dateOfBirth: "1975-03-14",
      email: "jose.hernandez@example.com",
      zip: "62701-4821",
      phone: "(555) 010-3101",
      addressLine1: "412 Walnut St",
      addressLine2: null,
      city: "Springfield",
      state: "IL",
      chartStatus: "active",
      portalAccessEnabled: true,
      version: 1,
    });
    expect(rows.find((r) => r.chartNumber === "MRN-20002")).toMatchObject({
      lastName: "O'Connor",
      addressLine1: "88 Elm Ave, Apt 3",
    });
    expect(rows.find((r) => r.chartNumber === "MRN-20006")).toMatchObject({
      firstName: "Zoë",
      email: null,
      dateOfBirth: "1964-02-29",
      portalAccessEnabled: false,
    });
    expect(rows.find((r) => r.chartNumber === "MRN-20009")).toMatchObject({ chartStatus: "deceased" });
    expect(rows.find((r) => r.chartNumber === "MRN-20010")).toMatchObject({
      addressLine1: 'The "Old Mill" Apartments',
      state: "IL",
      portalAccessEnabled: false,
    });
    expect(rows.filter((r) => r.email === "okafor.family@example.com")).toHaveLength(3);

    const audit = await auditFor(rows.map((r) => r.id));
    expect(audit).toHaveLength(10);
    for (const e of audit)
      expect(e).toMatchObject({ event: "patient.imported", actorType: "system", details: { source: "csv" } });
  });

  it("re-running the same file changes nothing: all unchanged, no version bump, no audit event", async () => {
    const before = await byChartPrefix("MRN-200");
    const parsed = example("patients.csv");
    const outcome = await applyImport(t.db, parsed);
    expect(formatImportReport(parsed, outcome)).toEqual([
      "10 rows read: 0 added, 0 updated, 10 unchanged, 0 with problems",
    ]);
    expect(await byChartPrefix("MRN-200")).toEqual(before);
    expect(await auditFor(before.map((r) => r.id))).toHaveLength(10);
  });

  it("imports the example FHIR bundle, then finds it unchanged", async () => {
    const parsed = example("patients.fhir.json");
    const first = await applyImport(t.db, parsed);
    expect(formatImportReport(parsed, first)).toEqual([
      "row 4: skipped: Organization is not a Patient resource (only Patient resources are imported)",
      "5 rows read: 5 added, 0 updated, 0 unchanged, 0 with problems",
    ]);
    const rows = await byChartPrefix("MRN-4000");
    expect(rows.map((r) => [r.chartNumber, r.firstName, r.lastName, r.chartStatus, r.portalAccessEnabled])).toEqual([
      ["MRN-40001", "Beatrix", "Lindqvist", "active", false],
      ["MRN-40002", "Kwame", "Mensah", "active", false],
      ["MRN-40003", "Walter", "O'Reilly", "deceased", false],
      ["MRN-40004", "Inés", "Fernández Ruiz", "inactive", false],
      ["MRN-40005", "Chloé", "Dubois", "active", false],
    ]);
    expect(rows[0]).toMatchObject({
      email: "beatrix.lindqvist@example.com",
      phone: "(555) 010-5102",
      zip: "62704-3310",
      addressLine2: "Suite 4",
    });
    expect(rows[1]).toMatchObject({ state: "IL", city: "Chatham" });
    const audit = await auditFor(rows.map((r) => r.id));
    expect(audit.map((e) => e.details)).toEqual(Array(5).fill({ source: "fhir" }));

    const again = await applyImport(t.db, parsed);
    expect(again.plan).toMatchObject({ adds: [], updates: [] });
    expect(again.plan.unchanged).toHaveLength(5);
  });

  it("writes nothing when any row has a problem, and reports each one", async () => {
    const existing = await insertPatient(t.db, { chartNumber: "MIX-1", firstName: "Old", lastName: "Name" });
    const parsed = parseImportFile(
      "mixed.csv",
      [
        csvHeader,
        "MIX-1,New,Name,1980-02-29,,,,",
        "MIX-2,Good,Row,1990-01-02,good@example.com,62701,,yes",
        "MIX-3,Bad,Zip,1990-01-02,,1234,,",
        "MIX-4,,,13/01/1990,,,,",
      ].join("\n"),
    );
    const outcome = await applyImport(t.db, parsed);
    expect(outcome.written).toBe(false);
    expect(formatImportReport(parsed, outcome)).toEqual([
      "row 4, field zip: Enter a 5-digit ZIP code, like 62701, or ZIP+4, like 62701-1234",
      "row 5, field first_name: Enter the first name",
      "row 5, field last_name: Enter the last name",
      "row 5, field date_of_birth: Enter the date of birth as MM/DD/YYYY, like 03/27/1980",
      "4 rows read: 1 to add, 1 to update, 0 unchanged, 2 with problems",
      "Nothing was imported: fix the problems above and run the import again.",
    ]);
    expect(await byChartPrefix("MIX-")).toEqual([existing]);
    expect(await auditFor([existing.id])).toEqual([]);
  });

  it("a dry run reports what would happen and changes nothing", async () => {
    const parsed = example("patients.ndjson");
    const outcome = await applyImport(t.db, parsed, { dryRun: true });
    expect(formatImportReport(parsed, outcome, { dryRun: true })).toEqual([
      "3 rows read: 3 to add, 0 to update, 0 unchanged, 0 with problems",
      "Dry run: nothing was changed.",
    ]);
    expect(await byChartPrefix("MRN-5000")).toEqual([]);
  });

  it("an update bumps the version, sets updated_at and changes only what changed", async () => {
    const p = await insertPatient(t.db, {
      chartNumber: "UPD-1",
      firstName: "Ana",
      lastName: "Ruiz",
      dateOfBirth: "1970-05-06",
      email: "ana@example.com",
      zip: "62701",
      phone: "(555) 010-7000",
      city: "Springfield",
      state: "IL",
      portalAccessEnabled: true,
      chartStatus: "active",
      updatedAt: new Date("2020-01-01T00:00:00Z"),
    });
    const parsed = parseImportFile(
      "u.csv",
      `${csvHeader}\nUPD-1,Ana,Ruiz,05/06/1970,ana.ruiz@example.com,62701-0001,,\n`,
    );
    const outcome = await applyImport(t.db, parsed);
    expect(outcome.plan.updates).toEqual([
      {
        row: 2,
        id: p.id,
        chartNumber: "UPD-1",
        version: 1,
        changes: { email: "ana.ruiz@example.com", zip: "62701-0001", portalAccessEnabled: false },
      },
    ]);
    const [after] = await t.db.select().from(patients).where(eq(patients.id, p.id));
    // Columns the file leaves out (phone, city, state) and the unstated status are kept; a new email is
    // marked as a recent change, as a staff edit would be.
    expect(after).toEqual({
      ...p,
      email: "ana.ruiz@example.com",
      zip: "62701-0001",
      portalAccessEnabled: false,
      version: 2,
      updatedAt: after.updatedAt,
      emailChangedAt: expect.any(Date),
      emailBeforeChange: "ana@example.com",
      // The stored status follows the change: access off makes the patient Inactive.
      portalStatus: "inactive",
    });
    expect(after.updatedAt.getTime()).toBeGreaterThan(p.updatedAt.getTime());
    // The new email and the access switch have the same consequences as a staff edit (tested below).
    expect((await auditFor([p.id])).map((e) => e.event)).toEqual([
      "patient.import_updated",
      "patient.email_changed",
      "email.queued",
      "patient.portal_access_off",
    ]);
    expect(await auditFor([p.id])).toMatchObject([
      { event: "patient.import_updated", actorType: "system", details: { source: "csv" } },
      { event: "patient.email_changed", actorType: "system", details: { source: "csv" } },
      {},
      { event: "patient.portal_access_off", actorType: "system", details: { source: "csv" } },
    ]);

    const again = await applyImport(t.db, parsed);
    expect(again.plan.unchanged).toEqual([{ row: 2, id: p.id }]);
    const [still] = await t.db.select().from(patients).where(eq(patients.id, p.id));
    expect(still.version).toBe(2);
  });

  it("a FHIR update keeps portal access, which FHIR has no element for", async () => {
    const p = await insertPatient(t.db, {
      chartNumber: "MRN-50001",
      firstName: "Hana",
      lastName: "Kobayashi",
      dateOfBirth: "1995-03-30",
      portalAccessEnabled: true,
    });
    const outcome = await applyImport(t.db, example("patients.ndjson"));
    expect(outcome.plan).toMatchObject({ updates: [{ row: 1, id: p.id }] });
    expect(outcome.plan.adds).toHaveLength(2);
    const [after] = await t.db.select().from(patients).where(eq(patients.id, p.id));
    expect(after).toMatchObject({
      email: "hana.kobayashi@example.com",
      portalAccessEnabled: true,
      chartStatus: "active",
      version: 2,
    });
  });

  describe("an import changes a patient the way a staff edit does", () => {
    const issueReset = (patientId: string) =>
      t.db.transaction((tx) =>
        issueAccountLink(tx, { patientId, purpose: "reset", via: "self_service", now: new Date() }),
      );
    const state = async (url: string) =>
      (await inspectAccountLink(t.db, new URL(url).searchParams.get("token"), new Date())).state;

    it("a new email tells the old address, writes patient.email_changed, voids links and ends sessions", async () => {
      const p = await insertPatient(t.db, { chartNumber: "EML-1", email: "first.owner@example.com" });
      const account = await insertAccount(t.db, p.id);
      const link = await issueReset(p.id);
      const parsed = parseImportFile(
        "e.csv",
        `${csvHeader}\nEML-1,${p.firstName},${p.lastName},02/29/1980,someone.else@example.com,${p.zip},active,yes\n`,
      );
      expect((await applyImport(t.db, parsed)).written).toBe(true);

      const toOld = await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, "first.owner@example.com"));
      expect(toOld.map((m) => m.template)).toEqual(["email_changed_notice"]);
      expect(await auditFor([p.id])).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ event: "patient.email_changed", actorType: "system", details: { source: "csv" } }),
        ]),
      );
      expect(await state(link.url)).toBe("replaced");
      const [a] = await t.db.select().from(portalAccounts).where(eq(portalAccounts.id, account.id));
      expect(a.sessionVersion).toBe(account.sessionVersion + 1);
    });

    it("switching access off voids outstanding links and ends sessions", async () => {
      const p = await insertPatient(t.db, { chartNumber: "ACC-1", portalAccessEnabled: true });
      const account = await insertAccount(t.db, p.id);
      const link = await issueReset(p.id);
      const parsed = parseImportFile(
        "a.csv",
        `${csvHeader}\nACC-1,${p.firstName},${p.lastName},02/29/1980,${p.email},${p.zip},active,no\n`,
      );
      expect((await applyImport(t.db, parsed)).written).toBe(true);

      expect(await state(link.url)).toBe("replaced");
      const [token] = await t.db.select().from(accountTokens).where(eq(accountTokens.patientId, p.id));
      expect(token.revokedReason).toBe("access_off");
      const [a] = await t.db.select().from(portalAccounts).where(eq(portalAccounts.id, account.id));
      expect(a.sessionVersion).toBe(account.sessionVersion + 1);
      expect((await auditFor([p.id])).map((e) => e.event)).toContain("patient.portal_access_off");
    });
  });
});
