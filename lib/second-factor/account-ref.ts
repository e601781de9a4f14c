// Whose factor, pending sign-in or challenge: a staff user or a patient. Each table keeps one owner column per
// kind, so the reference is spelled out once (in db/queries/second-factors.ts) rather than as loose ids.
import type { FactorOwner } from "@/db/queries/second-factors";

export type AccountRef = FactorOwner;

export const staffRef = (id: string): AccountRef => ({ kind: "staff", id });
export const patientRef = (id: string): AccountRef => ({ kind: "patient", id });
