// The status staff see for a patient: the stored one (the trigger of migration 0005), with its details read off
// the row, for each case of the seed's rule, on a real database.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountTokens, patients, portalAccounts } from "@/db/schema";
import { getPatientDash } from "@/db/queries/patients";
import type { PortalStatusRow } from "@/db/portal-status";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { statusDetails } from "./portal-status-text";

type PortalStatusInput = Omit<PortalStatusRow, "stored">;

const now = new Date("2026-11-27T12:00:00Z");
const eligible: PortalStatusInput = {
  portalAccessEnabled: true,
  email: "pat@example.com",
  zip: "62701",
  chartStatus: "active",
  account: null,
  latestSetupLink: null,
  now,
};
const at = (iso: string) => new Date(iso);

describe.each(DB_KINDS)("portal status staff see (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  let n = 0;
  /** Stores a patient as described (account, newest setup link) and reads the status the staff pages show. */
  async function storedStatus(p: PortalStatusInput) {
    n++;
    const [{ id }] = await t.db
      .insert(patients)
      .values({
        chartNumber: `S${n}`,
        firstName: "Pat",
        lastName: "Status",
        dateOfBirth: "1980-01-01",
        email: p.email,
        zip: p.zip,
        chartStatus: p.chartStatus,
        portalAccessEnabled: p.portalAccessEnabled,
      })
      .returning({ id: patients.id });
    if (p.account)
      await t.db
        .insert(portalAccounts)
        .values({ patientId: id, username: `status${n}`, passwordHash: "x", ...p.account });
    if (p.latestSetupLink) {
      await t.db.insert(accountTokens).values({
        tokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
        purpose: "setup",
        patientId: id,
        ...p.latestSetupLink,
      });
    }
    return (await getPatientDash(t.db, id, p.now))!.status;
  }

  describe("portal status: the seed's three icons", () => {
    it("is Unactivated when the patient can access the portal but never has", async () => {
      expect(await storedStatus(eligible)).toEqual({ kind: "unactivated", invitation: { state: "not_invited" } });
    });

    it("is Active once the patient has signed in, with the last sign-in", async () => {
      const s = await storedStatus({
        ...eligible,
        account: {
          createdAt: at("2026-01-01T00:00:00Z"),
          activatedAt: at("2026-01-02T00:00:00Z"),
          lastLoginAt: at("2026-11-20T09:30:00Z"),
        },
      });
      expect(s).toEqual({
        kind: "active",
        activatedAt: at("2026-01-02T00:00:00Z"),
        lastSignInAt: at("2026-11-20T09:30:00Z"),
      });
      expect(statusDetails(s)).toEqual(["Last signed in Nov 20, 2026, 9:30 AM UTC"]);
    });
  });

  describe("Inactive: each reason alone and together", () => {
    const cases: [string, Partial<PortalStatusInput>, string[]][] = [
      ["access not enabled", { portalAccessEnabled: false }, ["access_disabled"]],
      ["no email", { email: null }, ["no_email"]],
      ["empty email", { email: "" }, ["no_email"]],
      ["whitespace email", { email: "  \t " }, ["no_email"]],
      ["no ZIP", { zip: null }, ["no_zip"]],
      ["whitespace ZIP", { zip: "   " }, ["no_zip"]],
      ["inactive chart", { chartStatus: "inactive" }, ["chart_inactive"]],
      ["deceased", { chartStatus: "deceased" }, ["chart_deceased"]],
      [
        "all three seed reasons",
        { portalAccessEnabled: false, email: null, zip: "" },
        ["access_disabled", "no_email", "no_zip"],
      ],
      [
        "access off and deceased",
        { portalAccessEnabled: false, chartStatus: "deceased" },
        ["access_disabled", "chart_deceased"],
      ],
    ];
    it.each(cases)("%s", async (_name, change, reasons) => {
      expect(await storedStatus({ ...eligible, ...change })).toEqual({ kind: "inactive", reasons });
    });

    it("says exactly what is missing, in staff's words", async () => {
      const s = await storedStatus({ ...eligible, portalAccessEnabled: false, zip: null });
      expect(statusDetails(s)).toEqual(["Portal access is not enabled", "No ZIP code on file"]);
    });

    it("is Inactive when access was switched off after the patient activated", async () => {
      const s = await storedStatus({
        ...eligible,
        portalAccessEnabled: false,
        account: { createdAt: at("2026-01-01T00:00:00Z"), activatedAt: at("2026-01-02T00:00:00Z"), lastLoginAt: null },
      });
      expect(s).toEqual({ kind: "inactive", reasons: ["access_disabled"] });
    });
  });

  describe("Unactivated: what staff need next", () => {
    const link = {
      createdAt: at("2026-11-25T10:00:00Z"),
      expiresAt: at("2026-12-02T10:00:00Z"),
      usedAt: null,
      revokedAt: null,
    };

    it("shows when the patient was invited and until when the link works", async () => {
      const s = await storedStatus({ ...eligible, latestSetupLink: link });
      expect(s).toEqual({
        kind: "unactivated",
        invitation: { state: "invited", invitedAt: link.createdAt, validUntil: link.expiresAt },
      });
      expect(statusDetails(s)).toEqual(["Invited on Nov 25, 2026 (link valid until Dec 2, 2026, 10:00 AM UTC)"]);
    });

    it.each([
      ["expired", { expiresAt: at("2026-11-27T11:59:59Z") }],
      ["expiring exactly now", { expiresAt: now }],
      ["revoked (replaced or access switched off)", { revokedAt: at("2026-11-26T00:00:00Z") }],
    ])("reports the invitation as expired when %s", async (_n, change) => {
      const s = await storedStatus({ ...eligible, latestSetupLink: { ...link, ...change } });
      expect(s).toEqual({
        kind: "unactivated",
        invitation: { state: "invitation_expired", invitedAt: link.createdAt },
      });
    });

    it("reports an account that was set up but never signed in", async () => {
      const s = await storedStatus({
        ...eligible,
        latestSetupLink: { ...link, usedAt: at("2026-11-26T00:00:00Z") },
        account: { createdAt: at("2026-11-26T00:00:00Z"), activatedAt: null, lastLoginAt: null },
      });
      expect(s).toEqual({
        kind: "unactivated",
        invitation: { state: "account_created", createdAt: at("2026-11-26T00:00:00Z") },
      });
    });
  });
});
