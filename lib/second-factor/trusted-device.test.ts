// "Trust this device for 30 days" (docs/security.md M8) on a real database: an opaque token stored only as its
// hash, good for this patient for 30 days, and forgotten by every path that ends the patient's sessions:
// "sign out everywhere", a password change, a reset, an email change, access switched off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertFrontDesk, insertPatient } from "@/test-kit/factories";
import { dumpDatabase } from "@/test-kit/secret-scan";
import { endPatientSessions } from "@/lib/accounts/end-patient-sessions";
import { signOutPatientEverywhere } from "@/lib/accounts/sign-out-everywhere";
import { changePassword } from "@/lib/accounts/change-password";
import { setPasswordWithLink } from "@/lib/accounts/set-password-with-link";
import { changePatientEmail } from "@/lib/patients/change-patient-email";
import { setPortalAccess } from "@/lib/patients/set-portal-access";
import { issueAccountLink } from "@/lib/tokens/issue-account-link";
import { forgetTrustedDevices, isTrustedDevice, TRUSTED_DEVICE_DAYS, trustDevice } from "./trusted-device";

const DAY = 86_400_000;
const T0 = new Date("2031-07-01T10:00:00Z").getTime();
const at = (ms: number) => new Date(T0 + ms);
const PASSWORD = "an old password nobody guesses";

describe.each(DB_KINDS)("trusted devices (%s)", (kind) => {
  let t: TestDb;
  let staffId = "";
  beforeAll(async () => {
    t = await openTestDb(kind);
    staffId = await insertFrontDesk(t.db, "trust.desk@clinic.test");
  });
  afterAll(() => t?.close());

  const trust = (patientId: string, now = at(0)) => t.db.transaction((tx) => trustDevice(tx, { patientId, now }));
  const trusted = (patientId: string, token: string | null, now = at(DAY)) =>
    isTrustedDevice(t.db, { patientId, token, now });
  const withAccount = async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { activated: true });
    return p;
  };

  it("gives a fresh 256-bit base64url token each time and keeps only its SHA-256", async () => {
    const p = await insertPatient(t.db);
    const tokens = [await trust(p.id), await trust(p.id), await trust(p.id)];
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
    const dump = Object.values(await dumpDatabase(t.db))
      .flat()
      .join("\n");
    for (const token of tokens) expect(dump).not.toContain(token.toLowerCase());
    const rows = await queryRows<{ token_hash: string }>(
      t.db,
      sql`select token_hash from trusted_devices where patient_id = ${p.id}`,
    );
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is trusted for this patient for 30 days, and notes when it was last used", async () => {
    const p = await insertPatient(t.db);
    const token = await trust(p.id);
    expect(await trusted(p.id, token, at(DAY))).toBe(true);
    expect(await trusted(p.id, token, at(TRUSTED_DEVICE_DAYS * DAY - 1000))).toBe(true);
    const [row] = await queryRows<{ last_used_at: unknown }>(
      t.db,
      sql`select last_used_at from trusted_devices where patient_id = ${p.id}`,
    );
    expect(new Date(String(row.last_used_at)).getTime()).toBe(T0 + TRUSTED_DEVICE_DAYS * DAY - 1000);
    expect(await trusted(p.id, token, at(TRUSTED_DEVICE_DAYS * DAY))).toBe(false);
  });

  it("another patient's token, a made-up one, or none at all is not trusted", async () => {
    const a = await insertPatient(t.db);
    const b = await insertPatient(t.db);
    const aToken = await trust(a.id);
    expect(await trusted(b.id, aToken)).toBe(false);
    expect(await trusted(a.id, "A".repeat(43))).toBe(false);
    expect(await trusted(a.id, null)).toBe(false);
    expect(await trusted(a.id, `${aToken}x`)).toBe(false);
    expect(await trusted(a.id, aToken)).toBe(true);
  });

  it("forgetTrustedDevices forgets every device of that patient only", async () => {
    const a = await insertPatient(t.db);
    const b = await insertPatient(t.db);
    const a1 = await trust(a.id);
    const a2 = await trust(a.id);
    const b1 = await trust(b.id);
    await t.db.transaction((tx) => forgetTrustedDevices(tx, { patientId: a.id }));
    expect(await trusted(a.id, a1)).toBe(false);
    expect(await trusted(a.id, a2)).toBe(false);
    expect(await trusted(b.id, b1)).toBe(true);
  });

  it("endPatientSessions forgets every trusted device of the patient, and no one else's", async () => {
    const a = await withAccount();
    const b = await withAccount();
    const aToken = await trust(a.id);
    const bToken = await trust(b.id);
    await t.db.transaction((tx) => endPatientSessions(tx, { patientId: a.id }));
    expect(await trusted(a.id, aToken)).toBe(false);
    expect(await trusted(b.id, bToken)).toBe(true);
  });

  it.each([
    ["sign out everywhere", async (id: string) => signOutPatientEverywhere(t.db, { patientId: id })],
    [
      "a password change",
      async (id: string) => {
        const r = await changePassword(t.db, {
          patientId: id,
          current: PASSWORD,
          password: "a brand new harbour walk at dusk",
          now: at(DAY),
        });
        expect(r).toEqual({ ok: true });
      },
    ],
    [
      "a password reset with an emailed link",
      async (id: string) => {
        const link = await t.db.transaction((tx) =>
          issueAccountLink(tx, { patientId: id, purpose: "reset", via: "self_service", now: at(DAY) }),
        );
        const token = new URL(link.url).searchParams.get("token")!;
        const r = await setPasswordWithLink(t.db, {
          token,
          purpose: "reset",
          password: "copper kettle meadow rain again",
          now: at(DAY),
        });
        expect(r.ok).toBe(true);
      },
    ],
    [
      "an email change by staff",
      async (id: string) => {
        await t.db.transaction((tx) =>
          changePatientEmail(tx, {
            patientId: id,
            email: `new.${id.slice(0, 8)}@example.com`,
            by: { staffId },
            now: at(DAY),
          }),
        );
      },
    ],
    [
      "portal access switched off",
      async (id: string) => {
        await t.db.transaction((tx) =>
          setPortalAccess(tx, { patientId: id, enabled: false, by: { staffId }, now: at(DAY) }),
        );
      },
    ],
  ] as const)("%s forgets the patient's trusted devices", async (_, run) => {
    const p = await withAccount();
    const token = await trust(p.id);
    expect(await trusted(p.id, token, at(DAY / 2))).toBe(true);
    await run(p.id);
    expect(await trusted(p.id, token, at(DAY + 1000))).toBe(false);
  });

  it("audits adding, each use and forgetting, with no token in the details", async () => {
    const p = await withAccount();
    const token = await trust(p.id);
    await trusted(p.id, token);
    await trusted(p.id, "B".repeat(43));
    await signOutPatientEverywhere(t.db, { patientId: p.id });
    const rows = await queryRows<{ event: string; details: Record<string, unknown> }>(
      t.db,
      sql`select event, details from audit_events where patient_id = ${p.id} order by id`,
    );
    expect(rows.map((r) => r.event)).toEqual([
      "second_factor.trusted_device_added",
      "second_factor.trusted_device_used",
      "second_factor.trusted_devices_forgotten",
      "patient.signed_out_everywhere",
    ]);
    expect(rows[2].details).toEqual({ count: 1 });
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});
