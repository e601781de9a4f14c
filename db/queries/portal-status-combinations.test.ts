// On every combination of a patient's columns, account and newest setup link, the stored status (the trigger of
// migration 0005) that lists filter and count by, and the details the list and the dash show with it, are right.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountTokens, patients, portalAccounts } from "@/db/schema";
import { createHash, randomBytes } from "node:crypto";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { countPatientsByStatus, getPatientDash, listPatients } from "./patients";

const now = new Date("2026-11-27T12:00:00Z");
const day = 86_400_000;
const emails = [null, "", "   ", "\t", "pat@example.com"];
const zips = [null, "", " ", "62701", "62701-1234"];
const charts = ["active", "inactive", "deceased"] as const;
const accounts = ["none", "setup", "activated"] as const;
const links = ["none", "valid", "expired", "used", "revoked"] as const;

type Combo = {
  access: boolean;
  email: string | null;
  zip: string | null;
  chart: (typeof charts)[number];
  account: (typeof accounts)[number];
  link: (typeof links)[number];
};
const combos: Combo[] = [];
for (const access of [true, false])
  for (const email of emails)
    for (const zip of zips)
      for (const chart of charts)
        for (const account of accounts)
          for (const link of links) combos.push({ access, email, zip, chart, account, link });

/** What staff must see for a combination, written out from the seed's rule. */
function expected(c: Combo) {
  const blank = (v: string | null) => v === null || v.trim() === "";
  const reasons = [
    ...(c.access ? [] : ["access_disabled"]),
    ...(blank(c.email) ? ["no_email"] : []),
    ...(blank(c.zip) ? ["no_zip"] : []),
    ...(c.chart === "inactive" ? ["chart_inactive"] : c.chart === "deceased" ? ["chart_deceased"] : []),
  ];
  const kind = reasons.length ? "inactive" : c.account === "activated" ? "active" : "unactivated";
  const invitation =
    c.account !== "none"
      ? "account_created"
      : c.link === "none"
        ? "not_invited"
        : c.link === "valid"
          ? "invited"
          : "invitation_expired";
  return { kind, reasons, invitation };
}

describe.each(DB_KINDS)("stored portal status on every combination (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
    const ids = await t.db
      .insert(patients)
      .values(
        combos.map((c, i) => ({
          chartNumber: `C${i}`,
          firstName: "Pat",
          lastName: `Combo${String(i).padStart(5, "0")}`,
          dateOfBirth: "1980-01-01",
          email: c.email,
          zip: c.zip,
          chartStatus: c.chart,
          portalAccessEnabled: c.access,
        })),
      )
      .returning({ id: patients.id });
    const accountRows = combos.flatMap((c, i) =>
      c.account === "none"
        ? []
        : [
            {
              patientId: ids[i].id,
              username: `u${i}`,
              passwordHash: "x",
              createdAt: new Date(now.getTime() - 3 * day),
              activatedAt: c.account === "activated" ? new Date(now.getTime() - 2 * day) : null,
            },
          ],
    );
    for (let i = 0; i < accountRows.length; i += 500)
      await t.db.insert(portalAccounts).values(accountRows.slice(i, i + 500));
    const linkRows = combos.flatMap((c, i) =>
      c.link === "none"
        ? []
        : [
            {
              tokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
              purpose: "setup" as const,
              patientId: ids[i].id,
              createdAt: new Date(now.getTime() - 4 * day),
              expiresAt: new Date(now.getTime() + (c.link === "expired" ? -1 : 1) * day),
              usedAt: c.link === "used" ? new Date(now.getTime() - day) : null,
              revokedAt: c.link === "revoked" ? new Date(now.getTime() - day) : null,
            },
          ],
    );
    for (let i = 0; i < linkRows.length; i += 500) await t.db.insert(accountTokens).values(linkRows.slice(i, i + 500));
  });
  afterAll(() => t?.close());

  it(`gives the same status, reasons and invitation state for all ${combos.length} combinations`, async () => {
    const all: Awaited<ReturnType<typeof listPatients>>["rows"] = [];
    for (const status of ["inactive", "unactivated", "active"] as const) {
      let after = null;
      for (;;) {
        const page: Awaited<ReturnType<typeof listPatients>> = await listPatients(t.db, {
          search: { kind: "all" },
          status,
          after,
          limit: 500,
          now,
        });
        // The SQL filter put each row here; the rule must say the same.
        for (const row of page.rows) expect(row.status.kind, row.lastName).toBe(status);
        all.push(...page.rows);
        if (!page.next) break;
        after = page.next;
      }
    }
    expect(all).toHaveLength(combos.length);
    const counts = await countPatientsByStatus(t.db, { kind: "all" });
    expect(counts.all).toBe(combos.length);
    expect(counts.inactive + counts.unactivated + counts.active).toBe(combos.length);
    const byKind = { inactive: 0, unactivated: 0, active: 0 };
    for (const r of all) byKind[r.status.kind]++;
    expect({ inactive: counts.inactive, unactivated: counts.unactivated, active: counts.active }).toEqual(byKind);
  });

  it("gives each patient the status, reasons and invitation state the rule says, patient by patient", async () => {
    const { rows } = await listPatients(t.db, { search: { kind: "all" }, limit: combos.length, now });
    expect(rows).toHaveLength(combos.length);
    for (const row of rows) {
      const want = expected(combos[Number(row.lastName.slice("Combo".length))]);
      expect(row.status.kind, row.lastName).toBe(want.kind);
      expect(row.status.kind === "inactive" ? row.status.reasons : [], row.lastName).toEqual(
        want.kind === "inactive" ? want.reasons : [],
      );
      if (row.status.kind === "unactivated") expect(row.status.invitation.state, row.lastName).toBe(want.invitation);
    }
  });

  it("shows one patient's dash with the same status the list shows", async () => {
    const { rows } = await listPatients(t.db, { search: { kind: "name", last: "Combo00042" }, limit: 5, now });
    const dash = (await getPatientDash(t.db, rows[0].id, now))!;
    expect(dash.status).toEqual(rows[0].status);
  });
});
