// What a session's JWT is checked against at every request: the revoked list (ids kept until the JWT would have
// expired anyway), and the staff member's or the patient's row as it is now.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { patients, portalAccounts, revokedSessions, secondFactors, staffUsers } from "../schema";
import { portalAccessColumns } from "./portal-access-columns";

export async function insertRevokedSession(db: Db, opts: { sessionId: string; expiresAt: Date }) {
  await db.insert(revokedSessions).values(opts).onConflictDoNothing();
}

// Whether this session was signed out: asked inside the account's own select, so checking a session costs one
// statement on every signed-in page and action.
const revoked = (sessionId: string) =>
  sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions}.session_id = ${sessionId})`;

/**
 * A staff member as a session needs them: who, role, whether they are still active at this session_version, and
 * whether this session (`sessionId`) was signed out.
 */
export async function findStaffForSession(db: Db, opts: { staffId: string; sessionId: string }) {
  const [staff] = await db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      active: staffUsers.active,
      sessionVersion: staffUsers.sessionVersion,
      // A staff session counts only while a second factor is set up (docs/security.md M1): one reset by an admin
      // ends every session at its next request.
      // Tables named in full: drizzle leaves columns unqualified in a one-table select, and a bare "id" here
      // would be the factor's own.
      hasSecondFactor: sql<boolean>`exists (select 1 from ${secondFactors} where ${secondFactors}.staff_user_id = ${staffUsers}.id)`,
      revoked: revoked(opts.sessionId),
    })
    .from(staffUsers)
    .where(eq(staffUsers.id, opts.staffId));
  return staff ?? null;
}

/** A patient's account as a session needs it, with the columns that decide portal access and the revoked check. */
export async function findPatientForSession(db: Db, opts: { patientId: string; sessionId: string }) {
  const [row] = await db
    .select({
      firstName: patients.firstName,
      username: portalAccounts.username,
      sessionVersion: portalAccounts.sessionVersion,
      ...portalAccessColumns,
      revoked: revoked(opts.sessionId),
    })
    .from(portalAccounts)
    .innerJoin(patients, eq(patients.id, portalAccounts.patientId))
    .where(eq(portalAccounts.patientId, opts.patientId));
  return row ?? null;
}
