// An admin resets another staff member's second step (M1): never their own, never by front desk; the reset
// removes every factor and recovery code, ends the member's sessions, is audited and emails them.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { staffUsers } from "@/db/schema";
import { insertTotpFactor, listFactors } from "@/db/queries/second-factors";
import { seal } from "@/lib/crypto/seal";
import { staffRef } from "@/lib/second-factor/account-ref";
import { issueRecoveryCodes, recoveryCodesLeft } from "@/lib/second-factor/recovery-codes";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { createStaffUser } from "./create-staff-user";
import { resetStaffSecondStep } from "./reset-staff-second-step";

const NOW = new Date("2026-12-06T12:00:00Z");

describe.each(DB_KINDS)("resetting a staff member's second step (%s)", (kind) => {
  let t: TestDb;
  let adminId: string;

  beforeAll(async () => {
    t = await openTestDb(kind);
    adminId = await staff("admin");
  });
  afterAll(() => t?.close());

  async function staff(role: "admin" | "front_desk") {
    const email = `${role}.${randomUUID().slice(0, 8)}@clinic.test`;
    const made = await createStaffUser(t.db, {
      name: "Sam Staff",
      email,
      role,
      password: "a long enough staff password",
    });
    if (!made.ok) throw new Error("could not create staff");
    return made.id;
  }
  /** A staff member with an authenticator app and ten recovery codes, as after their setup. */
  async function withSecondStep(role: "admin" | "front_desk" = "front_desk") {
    const id = await staff(role);
    await insertTotpFactor(t.db, {
      owner: staffRef(id),
      name: "Phone",
      secretSealed: seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
      acceptedStep: 0,
      now: NOW,
    });
    await t.db.transaction((tx) => issueRecoveryCodes(tx, { staffId: id, now: NOW }));
    return id;
  }
  const sessionVersion = async (id: string) =>
    (await t.db.select().from(staffUsers).where(eq(staffUsers.id, id)))[0].sessionVersion;
  const email = async (id: string) => (await t.db.select().from(staffUsers).where(eq(staffUsers.id, id)))[0].email;
  const resetAudits = (targetId: string) =>
    queryRows<{ actor_staff_id: string; details: Record<string, unknown> }>(
      t.db,
      sql`select actor_staff_id, details from audit_events
          where event = 'second_factor.removed' and details->>'targetStaffId' = ${targetId}`,
    );
  const notices = async (id: string) =>
    queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from email_outbox
          where recipient = ${await email(id)} and template = 'second_step_removed'`,
    );

  it("removes every factor and recovery code, ends their sessions, audits who did it and emails them", async () => {
    const memberId = await withSecondStep();
    const before = await sessionVersion(memberId);
    expect(await resetStaffSecondStep(t.db, { actorStaffId: adminId, targetStaffId: memberId, now: NOW })).toEqual({
      ok: true,
    });
    expect(await listFactors(t.db, staffRef(memberId))).toEqual([]);
    expect(await recoveryCodesLeft(t.db, memberId)).toBe(0);
    expect(await sessionVersion(memberId)).toBe(before + 1);
    const [audit] = await resetAudits(memberId);
    expect(audit.actor_staff_id).toBe(adminId);
    expect(audit.details).toMatchObject({ by: "staff", kinds: ["totp"], targetStaffId: memberId });
    expect((await notices(memberId))[0].n).toBe(1);
  });

  it("refuses an admin's own reset, even through a hand-made call, and changes nothing", async () => {
    const selfAdmin = await withSecondStep("admin");
    const before = await sessionVersion(selfAdmin);
    const result = await resetStaffSecondStep(t.db, { actorStaffId: selfAdmin, targetStaffId: selfAdmin, now: NOW });
    expect(result).toMatchObject({ ok: false, reason: "self" });
    expect(await listFactors(t.db, staffRef(selfAdmin))).toHaveLength(1);
    expect(await recoveryCodesLeft(t.db, selfAdmin)).toBe(10);
    expect(await sessionVersion(selfAdmin)).toBe(before);
    expect(await resetAudits(selfAdmin)).toEqual([]);
  });

  it("refuses front-desk staff, and admins who have been deactivated", async () => {
    const deskId = await withSecondStep();
    const memberId = await withSecondStep();
    expect(await resetStaffSecondStep(t.db, { actorStaffId: deskId, targetStaffId: memberId, now: NOW })).toMatchObject(
      { ok: false, reason: "not_admin" },
    );
    const formerAdmin = await staff("admin");
    await t.db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, formerAdmin));
    expect(
      await resetStaffSecondStep(t.db, { actorStaffId: formerAdmin, targetStaffId: memberId, now: NOW }),
    ).toMatchObject({ ok: false, reason: "not_admin" });
    expect(await listFactors(t.db, staffRef(memberId))).toHaveLength(1);
    expect(await recoveryCodesLeft(t.db, memberId)).toBe(10);
    expect(await resetAudits(memberId)).toEqual([]);
  });

  it("says so when there is nothing to reset, or no such staff member", async () => {
    const memberId = await withSecondStep();
    await resetStaffSecondStep(t.db, { actorStaffId: adminId, targetStaffId: memberId, now: NOW });
    expect(
      await resetStaffSecondStep(t.db, { actorStaffId: adminId, targetStaffId: memberId, now: NOW }),
    ).toMatchObject({ ok: false, reason: "no_second_step" });
    expect((await notices(memberId))[0].n).toBe(1);
    expect(
      await resetStaffSecondStep(t.db, { actorStaffId: adminId, targetStaffId: randomUUID(), now: NOW }),
    ).toMatchObject({ ok: false, reason: "not_found" });
  });
});
