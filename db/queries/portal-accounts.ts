// Writes to a patient's portal account that are not about signing in: its session version and its password.
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { patients, portalAccounts } from "../schema";

/** Moves the account's session_version on, which every open session was issued with. */
export async function bumpPatientSessionVersion(db: Db, patientId: string): Promise<void> {
  await db
    .update(portalAccounts)
    .set({ sessionVersion: sql`${portalAccounts.sessionVersion} + 1` })
    .where(eq(portalAccounts.patientId, patientId));
}

/** A patient's account with what a password change checks, and what a new password must not resemble. */
export async function findAccountForPasswordChange(db: Db, patientId: string) {
  const [row] = await db
    .select({
      accountId: portalAccounts.id,
      hash: portalAccounts.passwordHash,
      lockedUntil: portalAccounts.lockedUntil,
      username: portalAccounts.username,
      lastName: patients.lastName,
      email: patients.email,
    })
    .from(portalAccounts)
    .innerJoin(patients, eq(patients.id, portalAccounts.patientId))
    .where(eq(portalAccounts.patientId, patientId));
  return row ?? null;
}

/** Sets a new password; knowing one ends a run of sign-in failures, as a successful sign-in does. */
export async function writePatientPassword(tx: Tx, opts: { patientId: string; passwordHash: string; now: Date }) {
  await tx
    .update(portalAccounts)
    .set({ passwordHash: opts.passwordHash, passwordChangedAt: opts.now, failedLoginCount: 0, lockedUntil: null })
    .where(eq(portalAccounts.patientId, opts.patientId));
}

/**
 * Sets a password from a reset link only while the account's session_version is still the one the link was sent
 * for; false when a later change made the link stale.
 */
export async function writePatientPasswordIfVersion(
  tx: Tx,
  opts: { patientId: string; credentialVersion: number; passwordHash: string; now: Date },
): Promise<boolean> {
  const [updated] = await tx
    .update(portalAccounts)
    .set({ passwordHash: opts.passwordHash, passwordChangedAt: opts.now, failedLoginCount: 0, lockedUntil: null })
    .where(and(eq(portalAccounts.patientId, opts.patientId), eq(portalAccounts.sessionVersion, opts.credentialVersion)))
    .returning({ id: portalAccounts.id });
  return !!updated;
}

/** Whether the username (compared lower-case) is taken, or the patient already has an account. */
export async function accountExistsFor(tx: Tx, opts: { username: string; patientId: string }): Promise<boolean> {
  const [taken] = await tx
    .select({ id: portalAccounts.id })
    .from(portalAccounts)
    .where(
      sql`lower(${portalAccounts.username}) = ${opts.username.toLowerCase()} or ${portalAccounts.patientId} = ${opts.patientId}`,
    );
  return !!taken;
}

export async function insertPortalAccount(
  tx: Tx,
  opts: { patientId: string; username: string; passwordHash: string; now: Date },
): Promise<void> {
  await tx.insert(portalAccounts).values({
    patientId: opts.patientId,
    username: opts.username,
    passwordHash: opts.passwordHash,
    passwordChangedAt: opts.now,
    createdAt: opts.now,
  });
}
