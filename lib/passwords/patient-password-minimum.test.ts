// With a second step on, a patient's new password may be as short as 8 characters (NIST SP 800-63B rev. 4);
// without one, the configured minimum (15) stays. The rule is asked where the password is checked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertEmailFactor, insertTotpFactor } from "@/db/queries/second-factors";
import { changePassword } from "@/lib/accounts/change-password";
import { getConfig } from "@/lib/config";
import { seal } from "@/lib/crypto/seal";
import { patientRef } from "@/lib/second-factor/account-ref";
import { removeSecondFactors } from "@/lib/second-factor/remove-second-factors";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { passwordHint } from "./check-new-password";
import { patientPasswordMinimum } from "./patient-password-minimum";

const NOW = new Date("2031-02-01T10:00:00Z");
const OLD = "an old password nobody guesses";
const SHORT = "kiwi-moth"; // 9 characters, not common, nothing personal

describe.each(DB_KINDS)("patientPasswordMinimum (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  const patient = async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { password: OLD });
    return p;
  };

  it("is the configured minimum without a second step, and for no patient at all", async () => {
    const p = await patient();
    expect(getConfig().PASSWORD_MIN_LENGTH).toBe(15);
    expect(await patientPasswordMinimum(t.db, p.id)).toBe(15);
    expect(await patientPasswordMinimum(t.db, null)).toBe(15);
  });

  it("drops to 8 with any second step on, and back to 15 once the last one is removed", async () => {
    const p = await patient();
    const factorId = await insertTotpFactor(t.db, {
      owner: patientRef(p.id),
      name: "Phone",
      secretSealed: seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
      acceptedStep: 0,
      now: NOW,
    });
    expect(await patientPasswordMinimum(t.db, p.id)).toBe(8);
    expect(passwordHint(await patientPasswordMinimum(t.db, p.id))).toMatch(/^Use at least 8 characters\./);
    await t.db.transaction((tx) =>
      removeSecondFactors(tx, { owner: patientRef(p.id), factorId, removedBy: { by: "owner" }, now: NOW }),
    );
    expect(await patientPasswordMinimum(t.db, p.id)).toBe(15);
  });

  it("another patient's factor does not lower this patient's minimum", async () => {
    const withFactor = await patient();
    const without = await patient();
    await insertEmailFactor(t.db, { patientId: withFactor.id, name: "Emailed code", now: NOW });
    expect(await patientPasswordMinimum(t.db, withFactor.id)).toBe(8);
    expect(await patientPasswordMinimum(t.db, without.id)).toBe(15);
  });

  it("changing the password: 9 characters are refused without a second step and accepted with one", async () => {
    const p = await patient();
    expect(await changePassword(t.db, { patientId: p.id, current: OLD, password: SHORT, now: NOW })).toEqual({
      ok: false,
      field: "password",
      message: "Your password must be at least 15 characters.",
    });
    await insertEmailFactor(t.db, { patientId: p.id, name: "Emailed code", now: NOW });
    expect(await changePassword(t.db, { patientId: p.id, current: OLD, password: SHORT, now: NOW })).toEqual({
      ok: true,
    });
    // Still never below the floor.
    expect(await changePassword(t.db, { patientId: p.id, current: SHORT, password: "kiwi-mo", now: NOW })).toEqual({
      ok: false,
      field: "password",
      message: "Your password must be at least 8 characters.",
    });
  });
});
