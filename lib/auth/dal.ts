// The data-access guard: every page and action calls requireStaff() / requirePatient() itself; nothing relies
// on a proxy. A JWT is only believed after the database agrees it is still good (docs/security.md S3, S4).
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { findPatientForSession, findStaffForSession } from "@/db/queries/sessions";
import { canAccessPortal } from "@/lib/patients/portal-status";
import { currentSessionClaims } from "./session-cookie";

export type CurrentStaff = { id: string; name: string; email: string; role: "admin" | "front_desk"; sessionId: string };
export type CurrentPatient = { patientId: string; firstName: string; username: string; sessionId: string };

const liveSession = cache(async (kind: "staff" | "patient") => {
  // A cookie past its idle or absolute limit, or not issued with our secret, reads as no session at all.
  const claims = await currentSessionClaims(new Date());
  if (!claims?.sub || claims.kind !== kind || !claims.sid) return null;
  // The revoked list is checked with the account, below, in the same select.
  return { db: await getDb(), userId: claims.sub, sessionVersion: claims.sv, sessionId: claims.sid };
});

/** The signed-in staff member, or null when the session is missing, revoked, expired or not staff. */
export const currentStaff = cache(async (): Promise<CurrentStaff | null> => {
  const live = await liveSession("staff");
  if (!live) return null;
  const staff = await findStaffForSession(live.db, { staffId: live.userId, sessionId: live.sessionId });
  // A bumped session_version (deactivation, sign out everywhere) revokes the JWT at its next request.
  if (!staff?.active || staff.revoked || staff.sessionVersion !== live.sessionVersion) return null;
  if (!staff.hasSecondFactor) return null;
  return { id: staff.id, name: staff.name, email: staff.email, role: staff.role, sessionId: live.sessionId };
});

/** The signed-in patient, or null; also null once their portal access is off (docs/security.md S4). */
export const currentPatient = cache(async (): Promise<CurrentPatient | null> => {
  const live = await liveSession("patient");
  if (!live) return null;
  const row = await findPatientForSession(live.db, { patientId: live.userId, sessionId: live.sessionId });
  if (!row || row.revoked || row.sessionVersion !== live.sessionVersion) return null;
  if (!canAccessPortal(row)) return null;
  return {
    patientId: live.userId,
    firstName: row.firstName,
    username: row.username,
    sessionId: live.sessionId,
  };
});

/** For staff pages: sends anyone who is not signed-in staff to the staff sign-in. */
export async function requireStaff(): Promise<CurrentStaff> {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/login");
  return staff;
}

/** For patient pages: sends anyone who is not a signed-in patient to the portal sign-in. */
export async function requirePatient(): Promise<CurrentPatient> {
  const patient = await currentPatient();
  if (!patient) redirect("/login");
  return patient;
}

/** For admin-only pages: front-desk staff are sent back to the patient list. */
export async function requireAdmin(): Promise<CurrentStaff> {
  const staff = await requireStaff();
  if (staff.role !== "admin") redirect("/admin?denied=admin");
  return staff;
}
