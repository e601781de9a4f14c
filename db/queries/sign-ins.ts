// Sign-in reads and writes: the row a password is checked against, and what a successful sign-in records
// (failures cleared, last sign-in, a stronger hash when one was made, the first activation).
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { queryRows } from "../rows";
import { patients, portalAccounts, secondFactors, staffUsers } from "../schema";
import { portalAccessColumns } from "./portal-access-columns";

/** A stronger hash of the same password, made when it was last checked (docs/security.md P5). */
export async function replaceStaffPasswordHash(db: Db | Tx, opts: { staffId: string; newHash: string }) {
  await db.update(staffUsers).set({ passwordHash: opts.newHash }).where(eq(staffUsers.id, opts.staffId));
}

export async function replacePatientPasswordHash(db: Db | Tx, opts: { accountId: string; newHash: string }) {
  await db.update(portalAccounts).set({ passwordHash: opts.newHash }).where(eq(portalAccounts.id, opts.accountId));
}

/** A staff user by email (compared lower-case), with what a sign-in checks. */
export async function findStaffForSignIn(db: Db, email: string) {
  const [staff] = await db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      role: staffUsers.role,
      active: staffUsers.active,
      passwordHash: staffUsers.passwordHash,
      lockedUntil: staffUsers.lockedUntil,
      sessionVersion: staffUsers.sessionVersion,
    })
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, email.toLowerCase()));
  return staff ?? null;
}

/** A staff member's password hash and lock, by id: what asking a signed-in staff member for it again checks. */
export async function findStaffPasswordById(db: Db | Tx, staffId: string) {
  const [staff] = await db
    .select({ active: staffUsers.active, passwordHash: staffUsers.passwordHash, lockedUntil: staffUsers.lockedUntil })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId));
  return staff ?? null;
}

/** What a completed staff sign-in clears and records. */
export async function recordStaffSignIn(tx: Db | Tx, opts: { staffId: string; now: Date }) {
  await tx
    .update(staffUsers)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: opts.now })
    .where(eq(staffUsers.id, opts.staffId));
}

/** A staff member as a completed sign-in needs them, by id. */
export async function findStaffForCompletion(db: Db | Tx, staffId: string) {
  const [staff] = await db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      role: staffUsers.role,
      active: staffUsers.active,
      lockedUntil: staffUsers.lockedUntil,
      sessionVersion: staffUsers.sessionVersion,
    })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId));
  return staff ?? null;
}

/** A patient's account as a completed sign-in needs it, by patient id. */
export async function findPatientAccountForCompletion(db: Db | Tx, patientId: string) {
  const [row] = await db
    .select({
      accountId: portalAccounts.id,
      patientId: portalAccounts.patientId,
      username: portalAccounts.username,
      lockedUntil: portalAccounts.lockedUntil,
      sessionVersion: portalAccounts.sessionVersion,
      ...portalAccessColumns,
    })
    .from(portalAccounts)
    .innerJoin(patients, eq(patients.id, portalAccounts.patientId))
    .where(eq(portalAccounts.patientId, patientId));
  return row ?? null;
}

/**
 * A patient account by username (compared lower-case), with what a sign-in checks and decides portal access, and
 * the kinds of second step the patient has (read here so a right password needs no second round trip to learn them).
 */
export async function findPatientAccountForSignIn(db: Db, username: string) {
  const [row] = await db
    .select({
      accountId: portalAccounts.id,
      patientId: portalAccounts.patientId,
      username: portalAccounts.username,
      passwordHash: portalAccounts.passwordHash,
      lockedUntil: portalAccounts.lockedUntil,
      sessionVersion: portalAccounts.sessionVersion,
      ...portalAccessColumns,
      factorKinds: sql<string[]>`array(select ${secondFactors}.kind::text from ${secondFactors}
        where ${secondFactors}.patient_id = ${portalAccounts}.patient_id)`,
    })
    .from(portalAccounts)
    .innerJoin(patients, eq(patients.id, portalAccounts.patientId))
    .where(eq(sql`lower(${portalAccounts.username})`, username));
  return row ?? null;
}

/**
 * Records a patient's successful sign-in, and its audit events, in one statement: failures cleared, last sign-in,
 * the first activation once; "patient.activated" (the first time) then "patient.signed_in" with `details`. Only
 * while the patient may still sign in as they did: their account's session version is still `sessionVersion`,
 * their portal status is not Inactive (the stored status, the rule of lib/patients/portal-status.ts) and the
 * account is not locked at `now`. Null when any of that changed (nothing is written); otherwise whether this one
 * activated the account. The check and the record are one statement, so nothing can change in between, and a
 * sign-in costs one round trip to the database fewer. The account row is locked and read as it stands before the
 * update (a parallel first sign-in is waited for and its activation seen), so of parallel first sign-ins exactly
 * one activates.
 */
export async function recordPatientSignIn(
  db: Db | Tx,
  opts: { patientId: string; sessionVersion: number; details: object; now: Date },
): Promise<{ activated: boolean } | null> {
  const now = sql`${opts.now.toISOString()}::timestamptz`;
  const [row] = await queryRows<{ activated: boolean }>(
    db,
    sql`with before as (
        select account.id, account.activated_at from ${portalAccounts} as account
        join ${patients} as patient on patient.id = account.patient_id
        where account.patient_id = ${opts.patientId} and account.session_version = ${opts.sessionVersion}
          and patient.portal_status <> 'inactive'
          and (account.locked_until is null or account.locked_until <= ${now})
        for update of account
      ),
      signed_in as (
        update ${portalAccounts} as account
        set failed_login_count = 0, locked_until = null, last_login_at = ${now},
          activated_at = coalesce(before.activated_at, ${now})
        from before
        where account.id = before.id
        returning before.activated_at is null as activated
      ),
      audited as (
        insert into audit_events (actor_type, patient_id, event, details)
        select 'patient', ${opts.patientId}::uuid, e.event, e.details
        from signed_in
        cross join (values (1, 'patient.activated', '{}'::jsonb), (2, 'patient.signed_in', ${JSON.stringify(opts.details)}::jsonb))
          as e(ord, event, details)
        where e.event <> 'patient.activated' or signed_in.activated
        order by e.ord
      )
      select activated from signed_in`,
  );
  return row ? { activated: row.activated } : null;
}
