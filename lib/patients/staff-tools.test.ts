// The staff side of portal access on real databases: edits, access switch, invitations, bulk runs,
// reminders, adding patients and the activity staff read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { accountTokens, emailOutbox, patients, portalAccounts } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient, insertFrontDesk } from "@/test-kit/factories";
import { issueAccountLink } from "@/lib/tokens/issue-account-link";
import { inspectAccountLink } from "@/lib/tokens/inspect-account-link";
import { requestVerification } from "@/lib/verification/request-verification";
import { processVerifications } from "@/lib/verification/process-verifications";
import { getPatientActivity } from "@/db/queries/patient-activity";
import { describeActivity } from "./activity-text";
import { updateBasicData } from "./update-basic-data";
import { setPortalAccess } from "./set-portal-access";
import { sendPortalInvitation } from "./send-portal-invitation";
import { planBulkInvitations } from "./plan-bulk-invitations";
import { sendBulkInvitations } from "./send-bulk-invitations";
import { sendReminders } from "./send-reminders";
import { addPatient } from "./add-patient";
import { saveReminderSettings } from "@/lib/settings/reminder-settings";
import { basicDataSchema } from "@/lib/validation/patient-record";

describe.each(DB_KINDS)("staff tools (%s)", (kind) => {
  let t: TestDb;
  let staffId: string;
  beforeAll(async () => {
    t = await openTestDb(kind);
    staffId = await insertFrontDesk(t.db, `desk.${kind}@clinic.test`);
  });
  afterAll(() => t?.close());

  const basic = (p: typeof patients.$inferSelect, change: Record<string, string> = {}) =>
    basicDataSchema.parse({
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      email: p.email ?? "",
      zip: p.zip ?? "",
      phone: "",
      addressLine1: "",
      addressLine2: "",
      city: "",
      state: "",
      ...change,
    });
  const invite = (patientId: string, o: { confirmed?: boolean; now?: Date } = {}) =>
    t.db.transaction((tx) =>
      sendPortalInvitation(tx, {
        patientId,
        staffId,
        via: "staff",
        emailChangeConfirmed: o.confirmed,
        now: o.now ?? new Date(),
      }),
    );

  it("refuses the second of two saves made from the same version, and returns the current values", async () => {
    const p = await insertPatient(t.db);
    const first = await updateBasicData(t.db, {
      patientId: p.id,
      expectedVersion: p.version,
      data: basic(p, { phone: "555-010-1111" }),
      staffId,
      now: new Date(),
    });
    expect(first).toMatchObject({ ok: true, version: p.version + 1 });
    const second = await updateBasicData(t.db, {
      patientId: p.id,
      expectedVersion: p.version,
      data: basic(p, { city: "Chicago" }),
      staffId,
      now: new Date(),
    });
    expect(second).toMatchObject({
      ok: false,
      reason: "stale",
      version: p.version + 1,
      current: { phone: "555-010-1111", city: null },
    });
    const [row] = await t.db.select().from(patients).where(eq(patients.id, p.id));
    expect(row.city).toBeNull();
  });

  it("an email change tells the old address, voids links and ends the patient's sessions", async () => {
    const p = await insertPatient(t.db, { email: "old.address@example.com" });
    const acct = await insertAccount(t.db, p.id);
    const link = await t.db.transaction((tx) =>
      issueAccountLink(tx, { patientId: p.id, purpose: "reset", via: "self_service", now: new Date() }),
    );
    const r = await updateBasicData(t.db, {
      patientId: p.id,
      expectedVersion: p.version,
      data: basic(p, { email: "New.Address@example.com" }),
      staffId,
      now: new Date(),
    });
    expect(r).toMatchObject({ ok: true, emailChanged: true });
    const notices = await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, "old.address@example.com"));
    expect(notices.map((n) => n.template)).toEqual(["email_changed_notice"]);
    expect((await inspectAccountLink(t.db, new URL(link.url).searchParams.get("token"), new Date())).state).toBe(
      "replaced",
    );
    const [a] = await t.db.select().from(portalAccounts).where(eq(portalAccounts.id, acct.id));
    expect(a.sessionVersion).toBe(acct.sessionVersion + 1);
    const [row] = await t.db.select().from(patients).where(eq(patients.id, p.id));
    expect(row.email).toBe("new.address@example.com");
    expect(row.emailChangedAt).not.toBeNull();
  });

  it("Send invitation/reset email picks a setup link without an account and a reset link with one", async () => {
    const without = await insertPatient(t.db);
    expect(await invite(without.id)).toEqual({ ok: true, kind: "setup", queued: true });
    const withAccount = await insertPatient(t.db);
    await insertAccount(t.db, withAccount.id);
    expect(await invite(withAccount.id)).toEqual({ ok: true, kind: "reset", queued: true });
    const [setupToken] = await t.db.select().from(accountTokens).where(eq(accountTokens.patientId, without.id));
    expect(setupToken).toMatchObject({ purpose: "setup", issuedByStaffId: staffId, issuedVia: "staff" });
    expect(setupToken.expiresAt.getTime() - setupToken.createdAt.getTime()).toBe(7 * 86_400_000);
    const [mail] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.patientId, without.id));
    expect(mail.recipient).toBe(without.email);
  });

  it("cannot invite an Inactive patient, and says why", async () => {
    const p = await insertPatient(t.db, { zip: null, portalAccessEnabled: false });
    expect(await invite(p.id)).toEqual({ ok: false, reason: "cannot_access", reasons: ["access_disabled", "no_zip"] });
  });

  it("within 24 hours of an email change, asks staff to confirm they checked it, and records that they did", async () => {
    const p = await insertPatient(t.db);
    const changedAt = new Date();
    await updateBasicData(t.db, {
      patientId: p.id,
      expectedVersion: p.version,
      data: basic(p, { email: "changed.recently@example.com" }),
      staffId,
      now: changedAt,
    });
    expect(await invite(p.id)).toMatchObject({ ok: false, reason: "confirm_email_change" });
    expect(await invite(p.id, { confirmed: true })).toMatchObject({ ok: true, kind: "setup" });
    const later = new Date(changedAt.getTime() + 25 * 3_600_000);
    expect(await invite(p.id, { now: later })).toMatchObject({ ok: true });
    const activity = (await getPatientActivity(t.db, p.id)).map((e) => e.event);
    expect(activity).toContain("alert.link_sent_after_email_change");
  });

  it("switching access off ends sessions and voids links; switching it on sends nothing", async () => {
    const p = await insertPatient(t.db);
    const acct = await insertAccount(t.db, p.id);
    const link = await t.db.transaction((tx) =>
      issueAccountLink(tx, { patientId: p.id, purpose: "reset", via: "staff", now: new Date() }),
    );
    await t.db.transaction((tx) =>
      setPortalAccess(tx, { patientId: p.id, enabled: false, by: { staffId }, now: new Date() }),
    );
    const [a] = await t.db.select().from(portalAccounts).where(eq(portalAccounts.id, acct.id));
    expect(a.sessionVersion).toBe(acct.sessionVersion + 1);
    expect((await inspectAccountLink(t.db, new URL(link.url).searchParams.get("token"), new Date())).state).toBe(
      "replaced",
    );
    const before = (await t.db.select().from(emailOutbox).where(eq(emailOutbox.patientId, p.id))).length;
    await t.db.transaction((tx) =>
      setPortalAccess(tx, { patientId: p.id, enabled: true, by: { staffId }, now: new Date() }),
    );
    expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.patientId, p.id))).toHaveLength(before);
  });

  it("bulk invitations skip the recently invited, Inactive and Active patients, and queue exactly one email each", async () => {
    const fresh = await Promise.all([1, 2, 3].map(() => insertPatient(t.db)));
    const recent = await insertPatient(t.db);
    await invite(recent.id);
    const inactive = await insertPatient(t.db, { email: null });
    const active = await insertPatient(t.db);
    await insertAccount(t.db, active.id, { activated: true });
    const ids = [...fresh, recent, inactive, active].map((p) => p.id);
    const plan = await planBulkInvitations(t.db, { selection: { ids }, now: new Date() });
    expect(plan).toEqual({
      toInvite: expect.arrayContaining(fresh.map((p) => p.id)),
      recentlyInvited: 1,
      inactive: 1,
      active: 1,
    });
    expect(plan.toInvite).toHaveLength(3);
    const run = await sendBulkInvitations(t.db, {
      patientIds: plan.toInvite,
      staffId,
      now: new Date(),
      skippedBefore: 3,
    });
    expect(run).toMatchObject({ queued: 3, skipped: 3 });
    for (const p of fresh) {
      const mails = await t.db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.patientId, p.id), eq(emailOutbox.bulkInvitationId, run.bulkId)));
      expect(mails).toHaveLength(1);
    }
    // Planned again straight away, the same patients now count as recently invited.
    expect((await planBulkInvitations(t.db, { selection: { ids }, now: new Date() })).toInvite).toEqual([]);
  });

  it("reminders re-invite Unactivated patients after N days, at most M times, only when turned on", async () => {
    const p = await insertPatient(t.db, { lastName: "Reminded" });
    const t0 = new Date("2026-01-01T09:00:00Z");
    await invite(p.id, { now: t0 });
    const day = (n: number) => new Date(t0.getTime() + n * 86_400_000);
    const remindersFor = async () =>
      (
        await t.db
          .select()
          .from(accountTokens)
          .where(and(eq(accountTokens.patientId, p.id), eq(accountTokens.issuedVia, "reminder")))
      ).length;
    expect(await sendReminders(t.db, day(30))).toBe(0);
    await saveReminderSettings(t.db, { settings: { enabled: true, afterDays: 5, maxReminders: 2 }, staffId, now: t0 });
    await sendReminders(t.db, day(3));
    expect(await remindersFor()).toBe(0);
    await sendReminders(t.db, day(5));
    expect(await remindersFor()).toBe(1);
    await sendReminders(t.db, day(7));
    expect(await remindersFor()).toBe(1);
    await sendReminders(t.db, day(10));
    await sendReminders(t.db, day(40));
    expect(await remindersFor()).toBe(2);
    await saveReminderSettings(t.db, { settings: { enabled: false, afterDays: 5, maxReminders: 2 }, staffId, now: t0 });
  });

  it("adding a patient warns about a likely duplicate and refuses a taken chart number", async () => {
    const existing = await insertPatient(t.db, { lastName: "O’Neil", dateOfBirth: "1970-07-07", chartNumber: "DUP-1" });
    const record = {
      chartNumber: "NEW-1",
      firstName: "Sam",
      lastName: "ONeil",
      dateOfBirth: "1970-07-07",
      email: null,
      zip: null,
      phone: null,
      addressLine1: null,
      addressLine2: null,
      city: null,
      state: null,
      chartStatus: "active" as const,
      portalAccessEnabled: false,
      preferredLanguage: "en" as const,
    };
    expect(await addPatient(t.db, { record, staffId, allowDuplicate: false, now: new Date() })).toEqual({
      ok: false,
      reason: "possible_duplicate",
      matches: [{ id: existing.id, name: `${existing.firstName} O’Neil`, chartNumber: "DUP-1" }],
    });
    expect(
      await addPatient(t.db, {
        record: { ...record, chartNumber: "dup-1" },
        staffId,
        allowDuplicate: true,
        now: new Date(),
      }),
    ).toEqual({ ok: false, reason: "chart_number_taken" });
    expect(await addPatient(t.db, { record, staffId, allowDuplicate: true, now: new Date() })).toMatchObject({
      ok: true,
    });
  });

  it("portal activity shows which field did not match, never what was typed", async () => {
    const p = await insertPatient(t.db, { lastName: "Activity", zip: "62701" });
    await requestVerification(t.db, {
      flow: "register",
      details: { email: p.email!, lastName: "Activity", dateOfBirth: p.dateOfBirth, zip: "99999" },
      ipHash: "activity-ip",
      now: new Date(),
    });
    while ((await processVerifications(t.db)) > 0);
    const entries = await getPatientActivity(t.db, p.id);
    const shown = entries.map(describeActivity);
    const attempt = shown.find((s) => s.title.startsWith("Create account"));
    expect(attempt).toEqual({ title: "Create account: verification did not match", lines: ["ZIP code did not match"] });
    expect(JSON.stringify(entries)).not.toContain("99999");
  });
});
