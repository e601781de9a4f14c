// Turning on codes by email from the portal: only the code just emailed (for adding, not for signing in) turns it
// on, wrong codes spend the code's tries, one per patient, and the addition is audited without the code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { listFactors } from "@/db/queries/second-factors";
import { unseal } from "@/lib/crypto/seal";
import type { EmailMessage } from "@/lib/email/render-email";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { patientRef } from "./account-ref";
import { addEmailCodeFactor } from "./add-email-code-factor";
import { EMAIL_CODE, sendEmailCode } from "./email-code";

const T0 = new Date("2031-06-01T09:00:00Z").getTime();
const at = (ms: number) => new Date(T0 + ms);
const MIN = 60_000;

describe.each(DB_KINDS)("addEmailCodeFactor (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  const patient = async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id);
    return p;
  };
  const send = (patientId: string, now: Date, purpose: "add_factor" | "sign_in" = "add_factor") =>
    t.db.transaction((tx) => sendEmailCode(tx, { patientId, purpose, now }));
  const lastCode = async (patientId: string) => {
    const [row] = await queryRows<{ sealed_secret: string }>(
      t.db,
      sql`select sealed_secret from email_outbox where patient_id = ${patientId} and template = 'sign_in_code'
          order by created_at desc, id desc limit 1`,
    );
    return unseal<Extract<EmailMessage, { template: "sign_in_code" }>>(row.sealed_secret).code;
  };
  const kinds = async (patientId: string) => (await listFactors(t.db, patientRef(patientId))).map((f) => f.kind);
  const audits = (patientId: string) =>
    queryRows<{ actor_type: string; details: Record<string, unknown> }>(
      t.db,
      sql`select actor_type, details from audit_events where event = 'second_factor.added' and patient_id = ${patientId}`,
    );
  const wrong = (code: string) => ((Number(code) + 1) % 1_000_000).toString().padStart(6, "0");

  it("the right code from the email turns codes by email on, audited by the patient without the code", async () => {
    const p = await patient();
    await send(p.id, at(0));
    const code = await lastCode(p.id);
    const result = await addEmailCodeFactor(t.db, { patientId: p.id, code, now: at(MIN) });
    expect(result.ok).toBe(true);
    expect(await kinds(p.id)).toEqual(["email"]);
    const trail = await audits(p.id);
    expect(trail).toHaveLength(1);
    expect(trail[0].actor_type).toBe("patient");
    expect(trail[0].details).toEqual({ kind: "email" });
    expect(JSON.stringify(trail)).not.toContain(code);
  });

  it("a wrong code adds nothing and spends a try: after five, even the right code is refused", async () => {
    const p = await patient();
    await send(p.id, at(0));
    const code = await lastCode(p.id);
    for (let i = 0; i < EMAIL_CODE.tries; i++) {
      expect(await addEmailCodeFactor(t.db, { patientId: p.id, code: wrong(code), now: at(MIN) })).toEqual({
        ok: false,
        reason: "wrong",
      });
    }
    expect(await addEmailCodeFactor(t.db, { patientId: p.id, code, now: at(MIN) })).toEqual({
      ok: false,
      reason: "too_many",
    });
    expect(await kinds(p.id)).toEqual([]);
    expect(await audits(p.id)).toHaveLength(0);
  });

  it("a sign-in code, or one older than ten minutes, does not turn it on", async () => {
    const p = await patient();
    await send(p.id, at(0), "sign_in");
    const signInCode = await lastCode(p.id);
    expect(await addEmailCodeFactor(t.db, { patientId: p.id, code: signInCode, now: at(MIN) })).toEqual({
      ok: false,
      reason: "none",
    });
    await send(p.id, at(2 * MIN));
    const code = await lastCode(p.id);
    expect(
      await addEmailCodeFactor(t.db, { patientId: p.id, code, now: at(2 * MIN + EMAIL_CODE.minutes * MIN) }),
    ).toEqual({ ok: false, reason: "expired" });
    expect(await kinds(p.id)).toEqual([]);
  });

  it("only one email factor per patient; a code works once", async () => {
    const p = await patient();
    await send(p.id, at(0));
    const code = await lastCode(p.id);
    expect((await addEmailCodeFactor(t.db, { patientId: p.id, code, now: at(MIN) })).ok).toBe(true);
    await send(p.id, at(30 * MIN));
    const again = await lastCode(p.id);
    expect(await addEmailCodeFactor(t.db, { patientId: p.id, code: again, now: at(31 * MIN) })).toEqual({
      ok: false,
      reason: "already_on",
    });
    expect(await kinds(p.id)).toEqual(["email"]);
  });

  it("another patient's code does not work for this patient", async () => {
    const a = await patient();
    const b = await patient();
    await send(a.id, at(0));
    await send(b.id, at(0));
    const codeA = await lastCode(a.id);
    const codeB = await lastCode(b.id);
    // Six digits can collide: only check when they differ.
    if (codeA !== codeB) {
      expect((await addEmailCodeFactor(t.db, { patientId: b.id, code: codeA, now: at(MIN) })).ok).toBe(false);
    }
    expect((await addEmailCodeFactor(t.db, { patientId: b.id, code: codeB, now: at(MIN) })).ok).toBe(true);
    expect(await kinds(a.id)).toEqual([]);
  });
});
