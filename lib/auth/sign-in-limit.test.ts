// The per-address sign-in limits (docs/security.md S2) on a real database: failures only, with separate budgets
// for patient and staff sign-in, checked before any password is hashed.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { getConfig } from "@/lib/config";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { runWithinSignInLimit } from "./sign-in-limit";
import { verifyPatientCredentials } from "./verify-patient-credentials";
import { verifyStaffCredentials } from "./verify-staff-credentials";

const ADMIN = { email: "admin@clinic.test", password: "correct horse battery staple" };
const PATIENT = { username: "limit.patient", password: "a long walk by the harbour" };

describe.each(DB_KINDS)("sign-in limits per address (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
    expect((await createStaffUser(t.db, { name: "Ada Admin", role: "admin", ...ADMIN })).ok).toBe(true);
    await insertAccount(t.db, (await insertPatient(t.db)).id, { ...PATIENT, activated: true });
  });
  afterAll(() => t?.close());

  const patientSignIn = (address: string, username: string, password: string, now: Date) => {
    const verify = vi.fn(() => verifyPatientCredentials(t.db, { username, password, now }));
    return {
      verify,
      result: runWithinSignInLimit(t.db, { kind: "patient", address, now }, verify, (r) => r.ok),
    };
  };
  const staffSignIn = (address: string, email: string, password: string, now: Date) => {
    const verify = vi.fn(() => verifyStaffCredentials(t.db, { email, password, now }));
    return { verify, result: runWithinSignInLimit(t.db, { kind: "staff", address, now }, verify, (r) => !!r) };
  };

  it("20 junk patient sign-ins from one address do not keep the admin out", async () => {
    const now = new Date("2026-12-02T09:00:00Z");
    const limit = getConfig().RATE_LIMIT_SIGNIN_PER_IP;
    expect(limit).toBe(20);
    for (let i = 0; i < limit; i++) {
      const junk = patientSignIn("clinic-wifi", `nobody${i}`, "junk junk junk junk", now);
      expect(await junk.result).toEqual({ limited: false, result: { ok: false, reason: "invalid" } });
    }
    // The patient budget is spent: the next one is refused before any password is checked (S2).
    const over = patientSignIn("clinic-wifi", PATIENT.username, PATIENT.password, now);
    expect(await over.result).toEqual({ limited: true });
    expect(over.verify).not.toHaveBeenCalled();
    // The admin at the same front desk signs in.
    const admin = staffSignIn("clinic-wifi", ADMIN.email, ADMIN.password, now);
    expect(await admin.result).toMatchObject({ limited: false, result: { name: "Ada Admin", role: "admin" } });
  });

  it("successes do not count: 21 good patient sign-ins, then failures still have the whole budget", async () => {
    const now = new Date("2026-12-02T10:00:00Z");
    // One more than the whole budget: had successes counted, the last of them would be refused.
    for (let i = 0; i <= getConfig().RATE_LIMIT_SIGNIN_PER_IP; i++) {
      expect(await patientSignIn("family-home", PATIENT.username, PATIENT.password, now).result).toMatchObject({
        limited: false,
        result: { ok: true },
      });
    }
    for (let i = 0; i < getConfig().RATE_LIMIT_SIGNIN_PER_IP; i++) {
      const junk = patientSignIn("family-home", `nobody.home${i}`, "junk junk junk junk", now);
      expect(await junk.result, `failure ${i + 1}`).toMatchObject({ limited: false, result: { ok: false } });
    }
    expect(await patientSignIn("family-home", "nobody.else", "junk junk junk junk", now).result).toEqual({
      limited: true,
    });
  }, 240_000);

  it("staff failures have a budget of their own, which does not touch patients'", async () => {
    const now = new Date("2026-12-02T11:00:00Z");
    const limit = getConfig().RATE_LIMIT_STAFF_SIGNIN_PER_IP;
    for (let i = 0; i < limit; i++) {
      expect(await staffSignIn("lobby", `ghost${i}@clinic.test`, "junk junk junk junk", now).result).toEqual({
        limited: false,
        result: null,
      });
    }
    const over = staffSignIn("lobby", ADMIN.email, ADMIN.password, now);
    expect(await over.result).toEqual({ limited: true });
    expect(over.verify).not.toHaveBeenCalled();
    expect(await patientSignIn("lobby", PATIENT.username, PATIENT.password, now).result).toMatchObject({
      limited: false,
      result: { ok: true },
    });
  });
});
