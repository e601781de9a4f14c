// Emailed six-digit codes (docs/security.md M7) on a real database with an injected clock: a right code works
// once, dies after ten minutes or five tries, goes to the address on file with nothing from the chart, and
// stays under the per-recipient cap. Every answer compares the typed code in constant time.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as nodeCrypto from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertPatient } from "@/test-kit/factories";
import { SecretBook, describeLeaks, dumpDatabase, findLeaks } from "@/test-kit/secret-scan";
import { unseal } from "@/lib/crypto/seal";
import { renderEmail, type EmailMessage } from "@/lib/email/render-email";
import { RECIPIENT_CAP } from "@/lib/email/enqueue-email";
import { checkEmailCode, EMAIL_CODE, type EmailCodePurpose, sendEmailCode } from "./email-code";

// Every call goes through to the real function; the spy only counts the constant-time comparisons.
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const MIN = 60_000;
const T0 = new Date("2031-05-04T08:00:00Z").getTime();
const at = (ms: number) => new Date(T0 + ms);

const CHART = {
  firstName: "Philippa",
  lastName: "Thornquist-Abernathy",
  dateOfBirth: "1963-09-17",
  zip: "97214-3321",
  addressLine1: "42 Wisteria Lane",
  phone: "(503) 555-0199",
};

/** Another six digits than `code`. */
const other = (code: string) => ((Number(code) + 1) % 10 ** EMAIL_CODE.digits).toString().padStart(6, "0");

describe("checkEmailCode compares in constant time whatever the answer", () => {
  it("the spy above is the one the module uses", () => {
    expect(vi.isMockFunction(nodeCrypto.timingSafeEqual)).toBe(true);
  });
});

describe.each(DB_KINDS)("emailed codes (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  const patient = async (email?: string) => insertPatient(t.db, { ...CHART, ...(email ? { email } : {}) });
  const send = (patientId: string, now: Date, purpose: EmailCodePurpose = "sign_in") =>
    t.db.transaction((tx) => sendEmailCode(tx, { patientId, purpose, now }));
  const check = (patientId: string, typed: string, now: Date, purpose: EmailCodePurpose = "sign_in") =>
    t.db.transaction((tx) => checkEmailCode(tx, { patientId, purpose, typed, now }));

  /** The emails queued for this patient's codes, oldest first, unsealed as the worker would. */
  async function emails(patientId: string) {
    const rows = await queryRows<{ recipient: string; status: string; sealed_secret: string | null }>(
      t.db,
      sql`select recipient, status, sealed_secret from email_outbox
          where patient_id = ${patientId} and template = 'sign_in_code' order by created_at, id`,
    );
    return rows.map((r) => ({
      recipient: r.recipient,
      status: r.status,
      message: r.sealed_secret ? unseal<Extract<EmailMessage, { template: "sign_in_code" }>>(r.sealed_secret) : null,
    }));
  }
  const lastCode = async (patientId: string) => (await emails(patientId)).at(-1)!.message!.code;

  it("a right code works once; the second use is refused", async () => {
    const p = await patient();
    expect(await send(p.id, at(0))).toEqual({ sent: true });
    const code = await lastCode(p.id);
    expect(code).toMatch(/^\d{6}$/);
    expect(await check(p.id, code, at(MIN))).toBe("ok");
    expect(await check(p.id, code, at(2 * MIN))).toBe("used");
  });

  it("reads the code as people type it: spaces, a hyphen, full-width digits", async () => {
    const p = await patient();
    for (const [i, shape] of [
      (c: string) => ` ${c.slice(0, 3)} ${c.slice(3)} `,
      (c: string) => `${c.slice(0, 3)}-${c.slice(3)}`,
      (c: string) => c.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
    ].entries()) {
      await send(p.id, at(i * 20 * MIN));
      expect(await check(p.id, shape(await lastCode(p.id)), at(i * 20 * MIN + MIN))).toBe("ok");
    }
  });

  it("a wrong code is 'wrong' and the right one still works after it", async () => {
    const p = await patient();
    await send(p.id, at(0));
    const code = await lastCode(p.id);
    expect(await check(p.id, other(code), at(MIN))).toBe("wrong");
    expect(await check(p.id, "", at(MIN))).toBe("wrong");
    expect(await check(p.id, code, at(2 * MIN))).toBe("ok");
  });

  it("works for 10 minutes: at 9:59 yes, at 10:00 'expired'", async () => {
    const p = await patient();
    await send(p.id, at(0));
    expect(await check(p.id, await lastCode(p.id), at(EMAIL_CODE.minutes * MIN - 1000))).toBe("ok");
    await send(p.id, at(20 * MIN));
    expect(await check(p.id, await lastCode(p.id), at(20 * MIN + EMAIL_CODE.minutes * MIN))).toBe("expired");
  });

  it("five wrong tries kill the code, the right one included; four wrong and then right still works", async () => {
    const p = await patient();
    await send(p.id, at(0));
    const code = await lastCode(p.id);
    for (let i = 0; i < EMAIL_CODE.tries; i++) expect(await check(p.id, other(code), at(MIN + i))).toBe("wrong");
    expect(await check(p.id, code, at(2 * MIN))).toBe("too_many");
    expect(await check(p.id, other(code), at(2 * MIN))).toBe("too_many");

    const q = await patient();
    await send(q.id, at(0));
    const qCode = await lastCode(q.id);
    for (let i = 0; i < EMAIL_CODE.tries - 1; i++) await check(q.id, other(qCode), at(MIN + i));
    expect(await check(q.id, qCode, at(2 * MIN))).toBe("ok");
  });

  it("guesses in parallel get no more than five tries between them", async () => {
    const p = await patient();
    await send(p.id, at(0));
    const code = await lastCode(p.id);
    const guesses = Array.from({ length: 12 }, (_, i) =>
      ((Number(code) + 1 + i) % 1_000_000).toString().padStart(6, "0"),
    );
    const answers = await Promise.all(guesses.map((g) => check(p.id, g, at(MIN))));
    expect(answers.filter((a) => a === "wrong")).toHaveLength(EMAIL_CODE.tries);
    expect(answers.filter((a) => a === "too_many")).toHaveLength(12 - EMAIL_CODE.tries);
    expect(await check(p.id, code, at(2 * MIN))).toBe("too_many");
    const [row] = await queryRows<{ tries: number }>(
      t.db,
      sql`select tries from email_codes where patient_id = ${p.id}`,
    );
    expect(row.tries).toBe(EMAIL_CODE.tries);
  });

  it("one right code sent in by parallel requests signs in exactly once", async () => {
    const p = await patient();
    await send(p.id, at(0));
    const code = await lastCode(p.id);
    const answers = await Promise.all(Array.from({ length: 6 }, () => check(p.id, code, at(MIN))));
    expect(answers.filter((a) => a === "ok")).toHaveLength(1);
    expect(answers.filter((a) => a === "used")).toHaveLength(5);
  });

  it("'none' without a code; a code of the other purpose does not count", async () => {
    const p = await patient();
    expect(await check(p.id, "123456", at(0))).toBe("none");
    await send(p.id, at(0), "add_factor");
    const code = await lastCode(p.id);
    expect(await check(p.id, code, at(MIN), "sign_in")).toBe("none");
    await send(p.id, at(2 * MIN), "sign_in");
    expect(await check(p.id, code, at(3 * MIN), "sign_in")).not.toBe("ok");
    expect(await check(p.id, code, at(3 * MIN), "add_factor")).toBe("ok");
  });

  it("another patient's code does not work", async () => {
    const a = await patient();
    const b = await patient();
    await send(a.id, at(0));
    await send(b.id, at(0));
    const aCode = await lastCode(a.id);
    const bCode = await lastCode(b.id);
    if (aCode !== bCode) expect(await check(b.id, aCode, at(MIN))).toBe("wrong");
    expect(await check(a.id, aCode, at(MIN))).toBe("ok");
  });

  it("asking again within a minute sends nothing new; after it, a new code that voids the old one", async () => {
    const p = await patient();
    expect(await send(p.id, at(0))).toEqual({ sent: true });
    const first = await lastCode(p.id);
    expect(await send(p.id, at(30_000))).toEqual({ sent: false, reusedRecent: true });
    expect(await send(p.id, at(59_000))).toEqual({ sent: false, reusedRecent: true });
    expect(await emails(p.id)).toHaveLength(1);
    expect(await send(p.id, at(61_000))).toEqual({ sent: true });
    const second = await lastCode(p.id);
    expect(await emails(p.id)).toHaveLength(2);
    if (first !== second) expect(await check(p.id, first, at(2 * MIN))).toBe("wrong");
    expect(await check(p.id, second, at(2 * MIN))).toBe("ok");
  });

  it("a code killed by wrong tries can be replaced at once", async () => {
    const p = await patient();
    await send(p.id, at(0));
    const code = await lastCode(p.id);
    for (let i = 0; i < EMAIL_CODE.tries; i++) await check(p.id, other(code), at(1000));
    expect(await send(p.id, at(2000))).toEqual({ sent: true });
    expect(await check(p.id, await lastCode(p.id), at(3000))).toBe("ok");
  });

  it("the email goes to the address on file and names no one: no name, date of birth, ZIP, address or phone", async () => {
    const p = await patient("Philippa.T+Portal@Example-Codes.org");
    await send(p.id, at(0));
    const [mail] = await emails(p.id);
    expect(mail.recipient).toBe("philippa.t+portal@example-codes.org");
    expect(mail.status).toBe("queued");
    const rendered = await renderEmail(mail.message!, {
      name: "Lakeside Clinic",
      phone: "(555) 123-4567",
      address: "9 Harbor Road",
    });
    const all = [rendered.subject, rendered.html, rendered.text].join("\n");
    expect(rendered.text).toContain(mail.message!.code);
    expect(rendered.text).toContain("works for 10 minutes");
    const phi = new SecretBook();
    phi.add("name", "first name", CHART.firstName);
    phi.add("name", "last name", CHART.lastName);
    phi.add("name", "last name, first part", "Thornquist");
    phi.addDob("date of birth", CHART.dateOfBirth);
    phi.addZip("ZIP", CHART.zip);
    phi.add("name", "address", CHART.addressLine1);
    phi.add("name", "phone", CHART.phone);
    phi.add("name", "chart number", p.chartNumber);
    phi.add("email", "email", "philippa.t+portal@example-codes.org");
    const leaks = findLeaks("sign_in_code email", [all.toLowerCase()], phi.all);
    expect(leaks, describeLeaks(leaks)).toEqual([]);
  });

  it("a patient without an email on file gets nothing", async () => {
    const p = await insertPatient(t.db, { email: null });
    expect(await send(p.id, at(0))).toEqual({ sent: false });
    expect(await check(p.id, "000000", at(MIN))).toBe("none");
  });

  it("respects the per-recipient cap: once it holds the email back, sent is false and the last code still works", async () => {
    const p = await patient();
    for (let i = 0; i < RECIPIENT_CAP.perHour; i++) expect(await send(p.id, at(i * 2 * MIN))).toEqual({ sent: true });
    const lastSent = await lastCode(p.id);
    expect(await send(p.id, at(10 * MIN))).toEqual({ sent: false });
    const mails = await emails(p.id);
    expect(mails.map((m) => m.status)).toEqual([...Array(RECIPIENT_CAP.perHour).fill("queued"), "held"]);
    expect(mails.at(-1)!.message).toBeNull();
    expect(await check(p.id, lastSent, at(11 * MIN))).toBe("ok");
  });

  it("keeps only a keyed hash: no code in any table, the outbox's sealed message aside", async () => {
    const p = await patient();
    const book = new SecretBook();
    for (let i = 0; i < 3; i++) {
      await send(p.id, at(i * 2 * MIN), i === 1 ? "add_factor" : "sign_in");
      book.add("code", `code ${i}`, await lastCode(p.id));
    }
    const rows = await queryRows<{ code_hash: string }>(
      t.db,
      sql`select code_hash from email_codes where patient_id = ${p.id}`,
    );
    for (const r of rows) expect(r.code_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = await dumpDatabase(t.db, { email_outbox: ["sealed_secret"] });
    const leaks = Object.entries(dump).flatMap(([table, r]) => findLeaks(table, r, book.all));
    expect(leaks, describeLeaks(leaks)).toEqual([]);
  });

  it("audits sending and using, with the purpose and never the code", async () => {
    const p = await patient();
    await send(p.id, at(0), "add_factor");
    const code = await lastCode(p.id);
    await check(p.id, code, at(MIN), "add_factor");
    const rows = await queryRows<{ event: string; details: Record<string, unknown> }>(
      t.db,
      sql`select event, details from audit_events where patient_id = ${p.id} order by id`,
    );
    expect(rows.map((r) => r.event)).toEqual([
      "email.queued",
      "second_factor.email_code_sent",
      "second_factor.email_code_used",
    ]);
    for (const r of rows.slice(1)) expect(r.details).toEqual({ purpose: "add_factor" });
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it.each([
    ["wrong", async (id: string, code: string) => check(id, other(code), at(MIN))],
    ["expired", async (id: string, code: string) => check(id, code, at(EMAIL_CODE.minutes * MIN))],
    [
      "used",
      async (id: string, code: string) => {
        await check(id, code, at(MIN));
        return check(id, code, at(MIN));
      },
    ],
    [
      "too_many",
      async (id: string, code: string) => {
        for (let i = 0; i < EMAIL_CODE.tries; i++) await check(id, other(code), at(MIN));
        return check(id, code, at(MIN));
      },
    ],
    ["none", async (id: string) => check(id, "123456", at(MIN), "add_factor")],
  ] as const)("'%s' still compares the typed code once, in constant time", async (answer, run) => {
    const p = await patient();
    await send(p.id, at(0));
    const code = await lastCode(p.id);
    const spy = vi.mocked(nodeCrypto.timingSafeEqual);
    spy.mockClear();
    expect(await run(p.id, code)).toBe(answer);
    // The earlier calls of the same test each compared once too.
    const checks = answer === "used" ? 2 : answer === "too_many" ? EMAIL_CODE.tries + 1 : 1;
    expect(spy).toHaveBeenCalledTimes(checks);
  });
});
