// Every way a factor leaves an account goes through removeSecondFactors: these are its safeguards (M8, M9, M1).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { portalAccounts, staffUsers } from "@/db/schema";
import { insertEmailFactor, insertTotpFactor, listFactors } from "@/db/queries/second-factors";
import { seal } from "@/lib/crypto/seal";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertFrontDesk, insertPatient } from "@/test-kit/factories";
import { patientRef, staffRef } from "./account-ref";
import { issueRecoveryCodes, recoveryCodesLeft } from "./recovery-codes";
import { removeSecondFactors } from "./remove-second-factors";
import { isTrustedDevice, trustDevice } from "./trusted-device";

const NOW = new Date("2026-12-06T12:00:00Z");

describe.each(DB_KINDS)("removing second factors (%s)", (kind) => {
  let t: TestDb;
  let adminId: string;
  beforeAll(async () => {
    t = await openTestDb(kind);
    adminId = await insertFrontDesk(t.db, `admin.${randomUUID().slice(0, 6)}@clinic.test`);
  });
  afterAll(() => t?.close());

  const app = (owner: ReturnType<typeof patientRef>) =>
    insertTotpFactor(t.db, {
      owner,
      name: "Phone",
      secretSealed: seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
      acceptedStep: 0,
      now: NOW,
    });
  const notices = (to: string) =>
    queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from email_outbox where recipient = ${to} and template = 'second_step_removed'`,
    );
  const version = async (patientId: string) =>
    (await t.db.select().from(portalAccounts).where(eq(portalAccounts.patientId, patientId)))[0].sessionVersion;

  it("a patient removing their own factor forgets trusted devices, keeps their session, and is told by email", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id);
    const owner = patientRef(p.id);
    const factorId = await app(owner);
    await insertEmailFactor(t.db, { patientId: p.id, name: "Email", now: NOW });
    const device = await t.db.transaction((tx) => trustDevice(tx, { patientId: p.id, now: NOW }));
    const before = await version(p.id);
    const result = await t.db.transaction((tx) =>
      removeSecondFactors(tx, { owner, factorId, removedBy: { by: "owner" }, now: NOW }),
    );
    expect(result).toEqual({ ok: true, removed: ["totp"] });
    expect((await listFactors(t.db, owner)).map((f) => f.kind)).toEqual(["email"]);
    expect(await isTrustedDevice(t.db, { patientId: p.id, token: device, now: NOW })).toBe(false);
    expect(await version(p.id)).toBe(before);
    expect((await notices(p.email!))[0].n).toBe(1);
  });

  it("staff removing a patient's factors end the patient's sessions and audit who did it", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id);
    const owner = patientRef(p.id);
    await app(owner);
    const before = await version(p.id);
    const result = await t.db.transaction((tx) =>
      removeSecondFactors(tx, { owner, removedBy: { by: "staff", staffId: adminId }, now: NOW }),
    );
    expect(result).toEqual({ ok: true, removed: ["totp"] });
    expect(await version(p.id)).toBe(before + 1);
    const [audit] = await queryRows<{ actor_staff_id: string; details: Record<string, unknown> }>(
      t.db,
      sql`select actor_staff_id, details from audit_events where event = 'second_factor.removed' and patient_id = ${p.id}`,
    );
    expect(audit.actor_staff_id).toBe(adminId);
    expect(audit.details).toMatchObject({ kinds: ["totp"], by: "staff" });
  });

  it("staff keep their last factor unless an admin resets it; a reset also voids recovery codes and sessions", async () => {
    const email = `desk.${randomUUID().slice(0, 6)}@clinic.test`;
    const staffId = await insertFrontDesk(t.db, email);
    const owner = staffRef(staffId);
    await app(owner);
    await t.db.transaction((tx) => issueRecoveryCodes(tx, { staffId, now: NOW }));
    expect(
      await t.db.transaction((tx) => removeSecondFactors(tx, { owner, removedBy: { by: "owner" }, now: NOW })),
    ).toEqual({ ok: false, reason: "last_staff_factor" });
    const [{ sessionVersion }] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    const reset = await t.db.transaction((tx) =>
      removeSecondFactors(tx, { owner, removedBy: { by: "staff", staffId: adminId }, now: NOW }),
    );
    expect(reset).toEqual({ ok: true, removed: ["totp"] });
    expect(await listFactors(t.db, owner)).toEqual([]);
    expect(await recoveryCodesLeft(t.db, staffId)).toBe(0);
    const [after] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    expect(after.sessionVersion).toBe(sessionVersion + 1);
    expect((await notices(email))[0].n).toBe(1);
  });
});
