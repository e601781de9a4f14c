// A patient's Preferred language: kept on the chart (migration 0012), edited on Basic Data and audited like any
// field there, and the language of every email the practice sets off. What the patient does themselves is
// answered in the language of the page they used, whatever their Preferred language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, emailOutbox, patients } from "@/db/schema";
import { insertEmailFactor, insertTotpFactor } from "@/db/queries/second-factors";
import { changePassword } from "@/lib/accounts/change-password";
import { seal, unseal } from "@/lib/crypto/seal";
import type { EmailMessage } from "@/lib/email/render-email";
import { sendEmailCode } from "@/lib/second-factor/email-code";
import { patientRef } from "@/lib/second-factor/account-ref";
import { removeSecondFactors } from "@/lib/second-factor/remove-second-factors";
import { basicDataSchema } from "@/lib/validation/patient-record";
import { insertAccount, insertFrontDesk, insertPatient } from "@/test-kit/factories";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { removePatientSecondStep } from "./remove-patient-second-step";
import { sendPortalInvitation } from "./send-portal-invitation";
import { updateBasicData } from "./update-basic-data";

const PASSWORD = "a long enough patient password";

describe.each(DB_KINDS)("preferred language (%s)", (kind) => {
  let t: TestDb;
  let staffId: string;
  let n = 0;
  beforeAll(async () => {
    t = await openTestDb(kind);
    staffId = await insertFrontDesk(t.db, `lang.desk.${kind}@clinic.test`);
  });
  afterAll(() => t?.close());

  const messagesTo = async (to: string) =>
    (await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, to)))
      .sort((a, b) => +a.createdAt - +b.createdAt)
      .map((m) => unseal<EmailMessage>(m.sealedSecret!));
  const newPatient = (o: Parameters<typeof insertPatient>[1] = {}) =>
    insertPatient(t.db, { email: `lang.${++n}.${kind}@example.com`, ...o });

  it("the migration gives every chart English, and the database refuses any other language", async () => {
    const p = await newPatient();
    expect(p.preferredLanguage).toBe("en");
    await expect(
      t.db.execute(sql`update patients set preferred_language = 'fr' where id = ${p.id}::uuid`),
    ).rejects.toThrow();
    await expect(
      t.db.execute(sql`update patients set preferred_language = null where id = ${p.id}::uuid`),
    ).rejects.toThrow();
    const [row] = await t.db.select().from(patients).where(eq(patients.id, p.id));
    expect(row.preferredLanguage).toBe("en");
  });

  it("Basic Data saves it, bumps the version and audits the field name (never the value)", async () => {
    const p = await newPatient();
    const data = basicDataSchema.parse({
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      email: p.email,
      zip: p.zip,
      phone: "",
      addressLine1: "",
      addressLine2: "",
      city: "",
      state: "",
      preferredLanguage: "es",
    });
    const r = await updateBasicData(t.db, {
      patientId: p.id,
      expectedVersion: p.version,
      data,
      staffId,
      now: new Date(),
    });
    expect(r).toMatchObject({ ok: true, version: p.version + 1, emailChanged: false });
    const [row] = await t.db.select().from(patients).where(eq(patients.id, p.id));
    expect(row.preferredLanguage).toBe("es");
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, p.id), eq(auditEvents.event, "patient.basic_data_changed")));
    expect(event.details).toEqual({ fields: ["preferredLanguage"] });
    expect(event.actorStaffId).toBe(staffId);
    // Saving it again as it is changes nothing.
    const again = await updateBasicData(t.db, {
      patientId: p.id,
      expectedVersion: p.version + 1,
      data,
      staffId,
      now: new Date(),
    });
    expect(again).toMatchObject({ ok: true, version: p.version + 1 });
    // A save that does not deal in languages (the field left out) keeps the one on file.
    const { preferredLanguage: _, ...withoutLanguage } = data;
    const other = await updateBasicData(t.db, {
      patientId: p.id,
      expectedVersion: p.version + 1,
      data: { ...withoutLanguage, city: "Chicago" },
      staffId,
      now: new Date(),
    });
    expect(other).toMatchObject({ ok: true, version: p.version + 2 });
    const [after] = await t.db.select().from(patients).where(eq(patients.id, p.id));
    expect(after).toMatchObject({ city: "Chicago", preferredLanguage: "es" });
  });

  it("a staff invitation goes in the Preferred language, its link opening the page in it", async () => {
    const es = await newPatient({ preferredLanguage: "es" });
    const en = await newPatient();
    for (const p of [es, en])
      await t.db.transaction((tx) =>
        sendPortalInvitation(tx, { patientId: p.id, staffId, via: "staff", now: new Date() }),
      );
    const [toEs] = await messagesTo(es.email!);
    const [toEn] = await messagesTo(en.email!);
    expect(toEs).toMatchObject({ template: "setup_link", via: "staff", locale: "es", validFor: "7 días" });
    expect((toEs as { link: string }).link).toMatch(/\/setup-account\?token=[A-Za-z0-9_-]{43}&lang=es$/);
    expect(toEn).toMatchObject({ template: "setup_link", via: "staff", locale: "en", validFor: "7 days" });
    expect((toEn as { link: string }).link).toMatch(/\/setup-account\?token=[A-Za-z0-9_-]{43}$/);
  });

  it("the email-change notice and a staff removal of the second step follow the Preferred language", async () => {
    const p = await newPatient({ preferredLanguage: "es" });
    await insertAccount(t.db, p.id, { password: PASSWORD, activated: true });
    await insertTotpFactor(t.db, {
      owner: patientRef(p.id),
      name: "Teléfono",
      secretSealed: seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
      acceptedStep: 0,
      now: new Date(),
    });
    const removed = await t.db.transaction((tx) =>
      removePatientSecondStep(tx, { patientId: p.id, staffId, callerVerified: false, now: new Date() }),
    );
    expect(removed).toMatchObject({ ok: true });
    const [notice] = await messagesTo(p.email!);
    expect(notice).toMatchObject({
      template: "second_step_removed",
      by: "staff",
      locale: "es",
      what: "todos los segundos pasos para iniciar sesión (aplicación de autenticación)",
    });
    expect((notice as { removedAt: string }).removedAt).toMatch(/^\d{1,2} de [a-z]+ de \d{4}.* UTC$/);

    const old = p.email!;
    const data = basicDataSchema.parse({
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      email: `moved.${n}@example.com`,
      zip: p.zip,
      phone: "",
      addressLine1: "",
      addressLine2: "",
      city: "",
      state: "",
      preferredLanguage: "es",
    });
    await updateBasicData(t.db, { patientId: p.id, expectedVersion: p.version, data, staffId, now: new Date() });
    expect((await messagesTo(old)).at(-1)).toEqual({ template: "email_changed_notice", locale: "es" });
  });

  it("what the patient does themselves is answered in the page's language, not the Preferred one", async () => {
    const p = await newPatient({ preferredLanguage: "en" });
    await insertAccount(t.db, p.id, { password: PASSWORD, activated: true });
    const now = new Date("2026-03-15T14:05:00Z");
    await changePassword(t.db, {
      patientId: p.id,
      current: PASSWORD,
      password: "another long patient password 42",
      locale: "es",
      now,
    });
    await insertEmailFactor(t.db, { patientId: p.id, name: "Email", now });
    await t.db.transaction((tx) => sendEmailCode(tx, { patientId: p.id, purpose: "sign_in", locale: "es", now }));
    await t.db.transaction((tx) =>
      removeSecondFactors(tx, { owner: patientRef(p.id), removedBy: { by: "owner" }, locale: "es", now }),
    );
    const [changed, code, removed] = await messagesTo(p.email!);
    expect(changed).toMatchObject({ template: "password_changed", locale: "es" });
    expect((changed as { changedAt: string }).changedAt).toMatch(
      /^15 de marzo de 2026,? (a las )?2:05\sp\.\s?m\. UTC$/,
    );
    expect(code).toMatchObject({ template: "sign_in_code", locale: "es", validFor: "10 minutos" });
    expect(removed).toMatchObject({
      template: "second_step_removed",
      by: "owner",
      locale: "es",
      what: "todos los segundos pasos para iniciar sesión (código por correo electrónico)",
    });
  });
});
