// Whose factor, pending sign-in or challenge: a staff user or a patient. Each table keeps one owner column per
// kind, so the reference is spelled out once (in db/queries/second-factors.ts) rather than as loose ids.
import type { FactorOwner } from "@/db/queries/second-factors";
import type { AuditEvent } from "@/lib/audit/record-audit-event";

export type AccountRef = FactorOwner;

export const staffRef = (id: string): AccountRef => ({ kind: "staff", id });
export const patientRef = (id: string): AccountRef => ({ kind: "patient", id });

export const sameAccount = (a: AccountRef | null | undefined, b: AccountRef | null | undefined): boolean =>
  !!a && !!b && a.kind === b.kind && a.id === b.id;

/** The account doing something to its own sign-in, as the audit trail records its actor. */
export const auditSelf = (owner: AccountRef): Pick<AuditEvent, "actorType" | "actorStaffId" | "patientId"> =>
  owner.kind === "staff"
    ? { actorType: "staff", actorStaffId: owner.id }
    : { actorType: "patient", patientId: owner.id };
