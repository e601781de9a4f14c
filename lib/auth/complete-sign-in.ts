// The one place a sign-in becomes a session, whatever proved it (password alone, password and a second step, a
// passkey): a passed pending sign-in is used up (or, for a password that was all there was to prove, the proof
// made in this same request is taken as it is), the account is checked once more as it is now, and the sign-in
// is recorded (failures cleared, last sign-in, the first activation once: S5) with how it was made.
import type { Db, Tx } from "@/db/client";
import {
  findPatientAccountForCompletion,
  findStaffForCompletion,
  recordPatientSignIn,
  recordStaffSignIn,
} from "@/db/queries/sign-ins";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { canAccessPortal } from "@/lib/patients/portal-status";
import type { AccountRef } from "@/lib/second-factor/account-ref";
import { takePassedSignIn } from "./pending-sign-in";

/** What a password alone proved, in the request that checked it: never stored, never sent to the browser. */
export type PassedSignIn = { owner: AccountRef; sessionVersion: number; method: string };

/** A passed pending sign-in's token (a second step, a passkey, a staff set-up), or a password's own proof. */
export type SignInProof = { token: unknown } | { passed: PassedSignIn };

export type SignedInUser = {
  id: string;
  name?: string;
  kind: "staff" | "patient";
  role: "admin" | "front_desk" | "patient";
  sessionVersion: number;
};

export async function completeSignIn(db: Db, opts: SignInProof & { now: Date }): Promise<SignedInUser | null> {
  return db.transaction(async (tx) => {
    const pending = "passed" in opts ? opts.passed : await takePassed(tx, opts.token, opts.now);
    if (!pending) return null;
    const details = { method: pending.method };
    const locked = (until: Date | null) => !!until && until > opts.now;

    if (pending.owner.kind === "staff") {
      const staff = await findStaffForCompletion(tx, pending.owner.id);
      if (!staff?.active || locked(staff.lockedUntil) || staff.sessionVersion !== pending.sessionVersion) return null;
      await recordStaffSignIn(tx, { staffId: staff.id, now: opts.now });
      await recordAuditEvent(tx, { event: "staff.signed_in", actorType: "staff", actorStaffId: staff.id, details });
      return { id: staff.id, name: staff.name, kind: "staff", role: staff.role, sessionVersion: staff.sessionVersion };
    }

    const row = await findPatientAccountForCompletion(tx, pending.owner.id);
    if (!row || !canAccessPortal(row) || locked(row.lockedUntil) || row.sessionVersion !== pending.sessionVersion)
      return null;
    if (await recordPatientSignIn(tx, { accountId: row.accountId, now: opts.now }))
      await recordAuditEvent(tx, { event: "patient.activated", actorType: "patient", patientId: row.patientId });
    await recordAuditEvent(tx, { event: "patient.signed_in", actorType: "patient", patientId: row.patientId, details });
    return { id: row.patientId, kind: "patient", role: "patient", sessionVersion: row.sessionVersion };
  });
}

async function takePassed(tx: Tx, token: unknown, now: Date): Promise<PassedSignIn | null> {
  const pending = await takePassedSignIn(tx, { token, now });
  return (
    pending && { owner: pending.owner, sessionVersion: pending.sessionVersion, method: pending.method ?? "password" }
  );
}
