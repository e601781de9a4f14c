// The one place a sign-in becomes a session, whatever proved it (password alone, password and a second step, a
// passkey): a passed pending sign-in is used up (or, for a password that was all there was to prove, the proof
// made in this same request is taken as it is), the account is checked once more as it is now, and the sign-in
// is recorded (failures cleared, last sign-in, the first activation once: S5) with how it was made.
import type { Db, Tx } from "@/db/client";
import { findStaffForCompletion, recordPatientSignIn, recordStaffSignIn } from "@/db/queries/sign-ins";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
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
  // A password's own proof has no pending sign-in to use up: what it records is one statement, atomic alone.
  if ("passed" in opts) return complete(db, opts.passed, opts.now);
  return db.transaction(async (tx) => {
    const pending = await takePassed(tx, opts.token, opts.now);
    return pending && complete(tx, pending, opts.now);
  });
}

async function complete(db: Db | Tx, pending: PassedSignIn, now: Date): Promise<SignedInUser | null> {
  const details = { method: pending.method };
  const locked = (until: Date | null) => !!until && until > now;

  if (pending.owner.kind === "staff") {
    const staff = await findStaffForCompletion(db, pending.owner.id);
    if (!staff?.active || locked(staff.lockedUntil) || staff.sessionVersion !== pending.sessionVersion) return null;
    await recordStaffSignIn(db, { staffId: staff.id, now });
    await recordAuditEvent(db, { event: "staff.signed_in", actorType: "staff", actorStaffId: staff.id, details });
    return { id: staff.id, name: staff.name, kind: "staff", role: staff.role, sessionVersion: staff.sessionVersion };
  }

  // The checks (access, lock, session version) are made by the statement that records the sign-in.
  const recorded = await recordPatientSignIn(db, {
    patientId: pending.owner.id,
    sessionVersion: pending.sessionVersion,
    details,
    now,
  });
  if (!recorded) return null;
  return { id: pending.owner.id, kind: "patient", role: "patient", sessionVersion: pending.sessionVersion };
}

async function takePassed(tx: Tx, token: unknown, now: Date): Promise<PassedSignIn | null> {
  const pending = await takePassedSignIn(tx, { token, now });
  return (
    pending && { owner: pending.owner, sessionVersion: pending.sessionVersion, method: pending.method ?? "password" }
  );
}
