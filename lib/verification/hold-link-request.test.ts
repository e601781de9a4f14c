// A setup or reset link asked for just after staff changed the patient's email is held (docs/security.md A3):
// on real databases, what the worker writes, and what Release and Discard do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { accountTokens, auditEvents, emailOutbox, type patients } from "@/db/schema";
import { listOpenHeldLinkRequests } from "@/db/queries/held-link-requests";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient, insertFrontDesk } from "@/test-kit/factories";
import { updateBasicData } from "@/lib/patients/update-basic-data";
import { releaseHeldLinks } from "@/lib/patients/release-held-links";
import { discardHeldLinks } from "@/lib/patients/discard-held-links";
import { basicDataSchema } from "@/lib/validation/patient-record";
import { requestVerification, type VerificationFlow } from "./request-verification";
import { processVerifications } from "./process-verifications";

describe.each(DB_KINDS)("links asked for just after an email change (%s)", (kind) => {
  let t: TestDb;
  let staffId: string;
  let n = 0;
  beforeAll(async () => {
    t = await openTestDb(kind);
    staffId = await insertFrontDesk(t.db, `held.${kind}@clinic.test`);
  });
  afterAll(() => t?.close());

  /** A patient whose email staff just changed from `old` to `fresh`. */
  async function patientWithNewEmail(o: { account: boolean; at?: Date }) {
    const id = ++n;
    const old = `held.old.${id}@example.com`;
    const fresh = `held.new.${id}@example.com`;
    const p = await insertPatient(t.db, { email: old });
    if (o.account) await insertAccount(t.db, p.id);
    const r = await updateBasicData(t.db, {
      patientId: p.id,
      expectedVersion: p.version,
      data: basicDataSchema.parse({
        firstName: p.firstName,
        lastName: p.lastName,
        dateOfBirth: p.dateOfBirth,
        email: fresh,
        zip: p.zip,
        phone: "",
        addressLine1: "",
        addressLine2: "",
        city: "",
        state: "",
      }),
      staffId,
      now: o.at ?? new Date(),
    });
    expect(r).toMatchObject({ ok: true, emailChanged: true });
    return { p, old, fresh };
  }

  /** The anonymous form, with the new email and the patient's details, then the worker. */
  async function ask(p: typeof patients.$inferSelect, email: string, flow: VerificationFlow, at = new Date()) {
    await requestVerification(t.db, {
      flow,
      details: { email, lastName: p.lastName, dateOfBirth: p.dateOfBirth, zip: p.zip! },
      ipHash: `held-ip-${++n}`,
      now: at,
    });
    while ((await processVerifications(t.db, { now: () => at })) > 0);
  }
  const mailTo = async (to: string) =>
    (await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, to))).map((m) => m.template);
  const tokens = (patientId: string) => t.db.select().from(accountTokens).where(eq(accountTokens.patientId, patientId));
  const events = async (patientId: string) =>
    (await t.db.select().from(auditEvents).where(eq(auditEvents.patientId, patientId))).map((e) => e.event);

  it("the worker holds a reset: no link, an alert, the old address told, the request listed for staff", async () => {
    const { p, old, fresh } = await patientWithNewEmail({ account: true });
    await ask(p, fresh, "forgot_password");
    expect(await tokens(p.id)).toEqual([]);
    expect(await mailTo(fresh)).toEqual([]);
    expect(await mailTo(old)).toEqual(["email_changed_notice", "link_held_notice"]);
    expect(await events(p.id)).toContain("alert.link_held_after_email_change");
    expect(await listOpenHeldLinkRequests(t.db, p.id)).toMatchObject([{ flow: "forgot_password" }]);
  });

  it("Release issues exactly one link, to the address on file, however many requests were held", async () => {
    const { p, fresh } = await patientWithNewEmail({ account: true });
    await ask(p, fresh, "forgot_password");
    await ask(p, fresh, "register");
    expect(await listOpenHeldLinkRequests(t.db, p.id)).toHaveLength(2);
    const released = await t.db.transaction((tx) =>
      releaseHeldLinks(tx, { patientId: p.id, staffId, now: new Date() }),
    );
    expect(released).toEqual({ ok: true, kind: "reset", queued: true });
    expect(await tokens(p.id)).toHaveLength(1);
    expect(await mailTo(fresh)).toEqual(["reset_link"]);
    expect(await listOpenHeldLinkRequests(t.db, p.id)).toEqual([]);
    const released2 = await t.db.transaction((tx) =>
      releaseHeldLinks(tx, { patientId: p.id, staffId, now: new Date() }),
    );
    expect(released2).toEqual({ ok: false, reason: "nothing_held" });
    expect(await tokens(p.id)).toHaveLength(1);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, p.id), eq(auditEvents.event, "staff.held_link_released")));
    expect(audit).toMatchObject({ actorType: "staff", actorStaffId: staffId });
  });

  it("Discard issues no link and sends nothing to the new address", async () => {
    const { p, fresh } = await patientWithNewEmail({ account: false });
    await ask(p, fresh, "register");
    expect(await listOpenHeldLinkRequests(t.db, p.id)).toHaveLength(1);
    expect(await t.db.transaction((tx) => discardHeldLinks(tx, { patientId: p.id, staffId, now: new Date() }))).toEqual(
      { ok: true },
    );
    expect(await tokens(p.id)).toEqual([]);
    expect(await mailTo(fresh)).toEqual([]);
    expect(await listOpenHeldLinkRequests(t.db, p.id)).toEqual([]);
    expect(await events(p.id)).toContain("staff.held_link_discarded");
  });

  it("once the confirmation window has passed, the link is sent as usual", async () => {
    const changedAt = new Date(Date.now() - 25 * 3_600_000);
    const { p, fresh } = await patientWithNewEmail({ account: true, at: changedAt });
    await ask(p, fresh, "forgot_password");
    expect(await tokens(p.id)).toHaveLength(1);
    expect(await mailTo(fresh)).toEqual(["reset_link"]);
    expect(await listOpenHeldLinkRequests(t.db, p.id)).toEqual([]);
  });

  it("a username reminder, which carries no link, is not held", async () => {
    const { p, fresh } = await patientWithNewEmail({ account: true });
    await ask(p, fresh, "forgot_username");
    expect(await mailTo(fresh)).toEqual(["username_reminder"]);
    expect(await listOpenHeldLinkRequests(t.db, p.id)).toEqual([]);
  });
});
