// The audit page's query on a real database: newest first, each filter, and keyset pages in both directions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { auditEvents, staffUsers } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertPatient } from "@/test-kit/factories";
import { auditPatientFilter, auditQuery } from "@/lib/validation/audit-query";
import { auditEventNames, listAuditEvents } from "./audit";

describe.each(DB_KINDS)("audit trail query (%s)", (kind) => {
  let t: TestDb;
  let adminId: string;
  let otherId: string;
  let patient: { id: string; chartNumber: string; firstName: string; lastName: string };

  beforeAll(async () => {
    t = await openTestDb(kind);
    const staff = await t.db
      .insert(staffUsers)
      .values([
        { name: "Ada Admin", email: `ada.${randomUUID().slice(0, 6)}@example.com`, role: "admin" },
        { name: "Olly Other", email: `olly.${randomUUID().slice(0, 6)}@example.com`, role: "front_desk" },
      ])
      .returning({ id: staffUsers.id });
    [adminId, otherId] = staff.map((s) => s.id);
    patient = await insertPatient(t.db, { firstName: "Nora", lastName: "Lindqvist" });
    const day = (d: string, h: number) => new Date(`${d}T${String(h).padStart(2, "0")}:00:00Z`);
    await t.db.insert(auditEvents).values([
      { occurredAt: day("2026-03-01", 9), event: "staff.signed_in", actorType: "staff", actorStaffId: adminId },
      {
        occurredAt: day("2026-03-02", 9),
        event: "staff.invited",
        actorType: "staff",
        actorStaffId: adminId,
        details: { targetStaffId: otherId, role: "front_desk" },
      },
      {
        occurredAt: day("2026-03-02", 10),
        event: "token.issued",
        actorType: "system",
        patientId: patient.id,
        details: { purpose: "setup", via: "self_service" },
      },
      { occurredAt: day("2026-03-03", 23), event: "patient.signed_in", actorType: "patient", patientId: patient.id },
      { occurredAt: day("2026-03-04", 0), event: "staff.signed_in", actorType: "staff", actorStaffId: otherId },
    ]);
  });
  afterAll(() => t?.close());

  const list = (
    filters: Parameters<typeof listAuditEvents>[1]["filters"],
    page: { after?: number; before?: number; limit?: number } = {},
  ) => listAuditEvents(t.db, { filters, limit: page.limit ?? 50, after: page.after, before: page.before });

  it("lists newest first with actor, patient and target names", async () => {
    const { rows } = await list({});
    expect(rows.map((r) => r.event)).toEqual([
      "staff.signed_in",
      "patient.signed_in",
      "token.issued",
      "staff.invited",
      "staff.signed_in",
    ]);
    expect(rows[0]).toMatchObject({ actorName: "Olly Other", patientName: null });
    expect(rows[1]).toMatchObject({ actorType: "patient", patientId: patient.id, patientName: "Lindqvist, Nora" });
    expect(rows[3]).toMatchObject({ actorName: "Ada Admin", targetStaffName: "Olly Other" });
  });

  it("filters by patient (chart number in any case, or id), staff (actor or target), event and UTC days", async () => {
    expect((await list({ patient: auditPatientFilter(patient.chartNumber.toLowerCase()) })).rows).toHaveLength(2);
    expect((await list({ patient: auditPatientFilter(patient.id) })).rows).toHaveLength(2);
    expect((await list({ patient: auditPatientFilter("NO-SUCH-CHART") })).rows).toHaveLength(0);
    expect((await list({ staffId: otherId })).rows.map((r) => r.event)).toEqual(["staff.signed_in", "staff.invited"]);
    expect((await list({ event: "staff.signed_in" })).rows).toHaveLength(2);
    expect((await list({ from: "2026-03-02", to: "2026-03-03" })).rows.map((r) => r.event)).toEqual([
      "patient.signed_in",
      "token.issued",
      "staff.invited",
    ]);
    expect((await list({ from: "2026-03-04" })).rows).toHaveLength(1);
  });

  it("pages by keyset both ways", async () => {
    const first = await list({}, { limit: 2 });
    expect(first.newer).toBeNull();
    expect(first.older).toBe(first.rows[1].id);
    const second = await list({}, { limit: 2, after: first.older! });
    expect(second.rows.map((r) => r.event)).toEqual(["token.issued", "staff.invited"]);
    expect(second.newer).toBe(second.rows[0].id);
    const third = await list({}, { limit: 2, after: second.older! });
    expect(third.rows).toHaveLength(1);
    expect(third.older).toBeNull();
    const back = await list({}, { limit: 2, before: second.newer! });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.newer).toBeNull();
  });

  it("lists distinct event names, and bad URL parameters fall back to no filter", async () => {
    expect(await auditEventNames(t.db)).toEqual([
      "patient.signed_in",
      "staff.invited",
      "staff.signed_in",
      "token.issued",
    ]);
    expect(
      auditQuery.parse({
        staff: "not-a-uuid",
        from: "2026-02-30",
        to: "",
        event: "x'; drop",
        after: "12abc",
        patient: "  ",
      }),
    ).toEqual({
      staff: undefined,
      from: undefined,
      to: undefined,
      event: undefined,
      after: undefined,
      before: undefined,
      patient: undefined,
    });
    expect(auditQuery.parse({ from: "2026-03-01", after: "42", event: ["staff.invited", "x"] })).toMatchObject({
      from: "2026-03-01",
      after: 42,
      event: "staff.invited",
    });
  });
});
