// The one place a sign-in becomes a session, whatever proved it (password alone, password and a second step, a
// passkey): the passed pending sign-in is used up, the account is checked once more as it is now, and the sign-in
// is recorded (failures cleared, last sign-in, the first activation once: S5) with how it was made.
import type { Db } from "@/db/client";
import {
  findPatientAccountForCompletion,
  findStaffForCompletion,
  recordPatientSignIn,
  recordStaffSignIn,
} from "@/db/queries/sign-ins";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { canAccessPortal } from "@/lib/patients/portal-status";
import { takePassedSignIn } from "./pending-sign-in";

export type SignedInUser = {
  id: string;
  name?: string;
  kind: "staff" | "patient";
  role: "admin" | "front_desk" | "patient";
  sessionVersion: number;
};

export async function completeSignIn(db: Db, opts: { token: unknown; now: Date }): Promise<SignedInUser | null> {
  return db.transaction(async (tx) => {
    const pending = await takePassedSignIn(tx, opts);
    if (!pending) return null;
    const details = { method: pending.method ?? "password" };
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
