import { describe, expect, it } from "vitest";
import { computePortalStatus, type PortalStatusInput } from "./portal-status";
import { statusDetails } from "./portal-status-text";

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

describe("portal status: the seed's three icons", () => {
  it("is Unactivated when the patient can access the portal but never has", () => {
    expect(computePortalStatus(eligible)).toEqual({ kind: "unactivated", invitation: { state: "not_invited" } });
  });

  it("is Active once the patient has signed in, with the last sign-in", () => {
    const s = computePortalStatus({
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
  it.each(cases)("%s", (_name, change, reasons) => {
    expect(computePortalStatus({ ...eligible, ...change })).toEqual({ kind: "inactive", reasons });
  });

  it("says exactly what is missing, in staff's words", () => {
    const s = computePortalStatus({ ...eligible, portalAccessEnabled: false, zip: null });
    expect(statusDetails(s)).toEqual(["Portal access is not enabled", "No ZIP code on file"]);
  });

  it("is Inactive when access was switched off after the patient activated", () => {
    const s = computePortalStatus({
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

  it("shows when the patient was invited and until when the link works", () => {
    const s = computePortalStatus({ ...eligible, latestSetupLink: link });
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
  ])("reports the invitation as expired when %s", (_n, change) => {
    const s = computePortalStatus({ ...eligible, latestSetupLink: { ...link, ...change } });
    expect(s).toEqual({ kind: "unactivated", invitation: { state: "invitation_expired", invitedAt: link.createdAt } });
  });

  it("reports an account that was set up but never signed in", () => {
    const s = computePortalStatus({
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
