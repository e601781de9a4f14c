// Staff "Remove second step" (issue 12, M9) on real databases: refused within EMAIL_CHANGE_CONFIRM_HOURS of an
// email change unless staff confirm they verified the caller; otherwise every factor goes, audited, the patient told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, emailOutbox, patients, portalAccounts } from "@/db/schema";
import { getPortalTab } from "@/db/queries/patient-portal-tab";
import { insertEmailFactor, insertTotpFactor, listFactors } from "@/db/queries/second-factors";
import { seal } from "@/lib/crypto/seal";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertFrontDesk, insertPatient } from "@/test-kit/factories";
import { removePatientSecondStep } from "./remove-patient-second-step";

const HOUR = 3_600_000;

describe.each(DB_KINDS)("staff Remove second step (%s)", (kind) => {
  let t: TestDb;
  let staffId: string;
  beforeAll(async () => {
    t = await openTestDb(kind);
    staffId = await insertFrontDesk(t.db, `remove.${kind}@clinic.test`);
  });
  afterAll(() => t?.close());

  /** A patient with an app and the emailed code, whose email changed `changedHoursAgo` ago (if given). */
  async function patientWithFactors(changedHoursAgo?: number) {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { activated: true });
    const owner = { kind: "patient" as const, id: p.id };
    await insertTotpFactor(t.db, {
      owner,
      name: "Phone",
      secretSealed: seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
      acceptedStep: 0,
      now: new Date(),
    });
    await insertEmailFactor(t.db, { patientId: p.id, name: "Email", now: new Date() });
    if (changedHoursAgo !== undefined)
      await t.db
        .update(patients)
        .set({ emailChangedAt: new Date(Date.now() - changedHoursAgo * HOUR) })
        .where(eq(patients.id, p.id));
    return p;
  }
  const remove = (patientId: string, callerVerified: boolean) =>
    t.db.transaction((tx) => removePatientSecondStep(tx, { patientId, staffId, callerVerified, now: new Date() }));
  const kinds = async (patientId: string) =>
    (await listFactors(t.db, { kind: "patient", id: patientId })).map((f) => f.kind).sort();
  const notices = async (to: string) =>
    (await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, to))).filter(
      (m) => m.template === "second_step_removed",
    );
  const audit = (patientId: string, event: string) =>
    t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.event, event)));

  it("the Patient Portal tab shows what the patient has", async () => {
    const p = await patientWithFactors();
    expect((await getPortalTab(t.db, p.id)).secondSteps).toEqual({ totp: 1, passkey: 0, email: 1 });
  });

  it("no recent email change: every factor removed, sessions ended, audited with the staff member, patient told", async () => {
    const p = await patientWithFactors();
    const [before] = await t.db.select().from(portalAccounts).where(eq(portalAccounts.patientId, p.id));
    const r = await remove(p.id, false);
    expect(r).toMatchObject({ ok: true });
    expect(await kinds(p.id)).toEqual([]);
    const [after] = await t.db.select().from(portalAccounts).where(eq(portalAccounts.patientId, p.id));
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    const [event] = await audit(p.id, "second_factor.removed");
    expect(event).toMatchObject({ actorType: "staff", actorStaffId: staffId });
    expect(event.details).toMatchObject({ by: "staff" });
    expect(await notices(p.email!)).toHaveLength(1);
    expect((await getPortalTab(t.db, p.id)).secondSteps).toEqual({ totp: 0, passkey: 0, email: 0 });
  });

  it("email changed within the window: refused without the confirmation, nothing removed or sent", async () => {
    const p = await patientWithFactors(2);
    const r = await remove(p.id, false);
    expect(r).toMatchObject({ ok: false, reason: "confirm_caller" });
    expect(await kinds(p.id)).toEqual(["email", "totp"]);
    expect(await notices(p.email!)).toHaveLength(0);
    expect(await audit(p.id, "second_factor.removed")).toHaveLength(0);
  });

  it("email changed within the window, staff verified the caller: removed, with an alert in the audit trail", async () => {
    const p = await patientWithFactors(2);
    expect(await remove(p.id, true)).toMatchObject({ ok: true });
    expect(await kinds(p.id)).toEqual([]);
    expect(await audit(p.id, "alert.second_step_removed_after_email_change")).toHaveLength(1);
    expect(await notices(p.email!)).toHaveLength(1);
  });

  it("email changed before the window: no confirmation needed", async () => {
    const p = await patientWithFactors(25);
    expect(await remove(p.id, false)).toMatchObject({ ok: true });
    expect(await audit(p.id, "alert.second_step_removed_after_email_change")).toHaveLength(0);
  });

  it("nothing to remove, or no such patient: said so, nothing sent", async () => {
    const p = await insertPatient(t.db);
    expect(await remove(p.id, false)).toEqual({ ok: false, reason: "none" });
    expect(await notices(p.email!)).toHaveLength(0);
    expect(await remove("00000000-0000-4000-8000-000000000000", true)).toEqual({ ok: false, reason: "not_found" });
  });
});
