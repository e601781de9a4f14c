// The email-change notice is capped per recipient like every email (docs/security.md V5): saving a patient's
// email back and forth cannot mail either address without limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, emailOutbox } from "@/db/schema";
import { RECIPIENT_CAP } from "@/lib/email/enqueue-email";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertPatient, insertFrontDesk } from "@/test-kit/factories";
import { basicDataSchema } from "@/lib/validation/patient-record";
import { updateBasicData } from "./update-basic-data";

describe.each(DB_KINDS)("email-change notices under the per-recipient cap (%s)", (kind) => {
  let t: TestDb;
  let staffId: string;
  beforeAll(async () => {
    t = await openTestDb(kind);
    staffId = await insertFrontDesk(t.db, `cap.${kind}@clinic.test`);
  });
  afterAll(() => t?.close());

  it("saving an email back and forth 10 times mails neither address more than the cap; the rest are held", async () => {
    const a = "back.and.forth.a@example.com";
    const b = "back.and.forth.b@example.com";
    const p = await insertPatient(t.db, { email: a });
    let version = p.version;
    const held: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await updateBasicData(t.db, {
        patientId: p.id,
        expectedVersion: version,
        data: basicDataSchema.parse({
          firstName: p.firstName,
          lastName: p.lastName,
          dateOfBirth: p.dateOfBirth,
          email: i % 2 === 0 ? b : a,
          zip: p.zip,
          phone: "",
          addressLine1: "",
          addressLine2: "",
          city: "",
          state: "",
        }),
        staffId,
        now: new Date(),
      });
      if (!r.ok) throw new Error("save refused");
      expect(r.emailChanged).toBe(true);
      held.push(!!r.noticeHeld);
      version = r.version;
    }
    for (const to of [a, b]) {
      const rows = await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, to));
      expect(rows.filter((r) => r.status !== "held")).toHaveLength(RECIPIENT_CAP.perHour);
      expect(rows.filter((r) => r.status === "held")).toHaveLength(5 - RECIPIENT_CAP.perHour);
    }
    // Staff are told when a notice was held, and the dash's activity shows it like any held email.
    expect(held.filter(Boolean)).toHaveLength(10 - 2 * RECIPIENT_CAP.perHour);
    const holds = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, p.id), eq(auditEvents.event, "email.held_recipient_cap")));
    expect(holds).toHaveLength(10 - 2 * RECIPIENT_CAP.perHour);
    expect(holds[0].details).toMatchObject({ template: "email_changed_notice" });
  });
});
