// Writes to staff_users (and the row locks they take), for the staff-admin rules in lib/staff.
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { staffUsers } from "../schema";

export type LockedStaff = {
  id: string;
  name: string;
  email: string;
  role: "admin" | "front_desk";
  active: boolean;
  hasPassword: boolean;
};

/** Locks these staff rows for the rest of the transaction, in id order (so two locks never deadlock). */
export async function lockStaffRows(tx: Tx, ids: readonly string[]): Promise<LockedStaff[]> {
  return tx
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      active: staffUsers.active,
      hasPassword: sql<boolean>`${staffUsers.passwordHash} is not null`,
    })
    .from(staffUsers)
    .where(inArray(staffUsers.id, [...ids]))
    .orderBy(asc(staffUsers.id))
    .for("update");
}

/** Whether a staff user already has this email (compared lower-case). */
export async function staffEmailTaken(tx: Tx, email: string): Promise<boolean> {
  const [existing] = await tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(sql`lower(${staffUsers.email}) = ${email}`);
  return !!existing;
}

export async function insertStaffUser(
  tx: Tx,
  values: { name: string; email: string; role: "admin" | "front_desk"; passwordHash: string | null; createdAt?: Date },
): Promise<string> {
  const [row] = await tx.insert(staffUsers).values(values).returning({ id: staffUsers.id });
  return row.id;
}

export async function setStaffRole(tx: Tx, staffId: string, role: "admin" | "front_desk") {
  await tx.update(staffUsers).set({ role }).where(eq(staffUsers.id, staffId));
}

export async function reactivateStaffUser(tx: Tx, staffId: string) {
  await tx.update(staffUsers).set({ active: true }).where(eq(staffUsers.id, staffId));
}

/** Deactivates a staff user and ends every session of theirs (session_version moves on). */
export async function deactivateStaffUser(tx: Tx, staffId: string) {
  await tx
    .update(staffUsers)
    .set({ active: false, sessionVersion: sql`${staffUsers.sessionVersion} + 1` })
    .where(eq(staffUsers.id, staffId));
}

/** Locks one staff row and says whether it is active and already has a password; null when it is gone. */
export async function lockStaffForSetup(tx: Tx, staffId: string) {
  const [staff] = await tx
    .select({ active: staffUsers.active, hasPassword: sql<boolean>`${staffUsers.passwordHash} is not null` })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId))
    .for("update");
  return staff ?? null;
}

/** Sets a first password: ends any other session and clears the sign-in failures. */
export async function setStaffPassword(tx: Tx, staffId: string, passwordHash: string) {
  await tx
    .update(staffUsers)
    .set({
      passwordHash,
      sessionVersion: sql`${staffUsers.sessionVersion} + 1`,
      failedLoginCount: 0,
      lockedUntil: null,
    })
    .where(eq(staffUsers.id, staffId));
}

/** Ends every session of a staff user at its next request (session_version moves on). */
export async function bumpStaffSessionVersion(tx: Tx, staffId: string) {
  await tx
    .update(staffUsers)
    .set({ sessionVersion: sql`${staffUsers.sessionVersion} + 1` })
    .where(eq(staffUsers.id, staffId));
}
