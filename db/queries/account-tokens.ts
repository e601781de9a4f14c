// Link tokens (patient setup and reset, staff invitations): stored only as hashes; the hashing, lifetimes and
// URLs are lib/tokens' business. Every read and write of account_tokens is here.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { accountTokens, patients, portalAccounts, staffUsers } from "../schema";
import { insertJsonRows, jsonArray } from "../json-input";

export type TokenPurpose = "setup" | "reset" | "staff_invite" | "second_step_recovery";

/**
 * Uses a link: one conditional UPDATE, so of any number of simultaneous submissions exactly one gets the row
 * back; null when the link is unknown, used, voided or expired.
 */
export async function spendToken(tx: Tx, opts: { tokenHash: string; purpose: TokenPurpose; now: Date }) {
  const [used] = await tx
    .update(accountTokens)
    .set({ usedAt: opts.now })
    .where(
      and(
        eq(accountTokens.tokenHash, opts.tokenHash),
        eq(accountTokens.purpose, opts.purpose),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
        gt(accountTokens.expiresAt, opts.now),
      ),
    )
    .returning({
      patientId: accountTokens.patientId,
      staffUserId: accountTokens.staffUserId,
      credentialVersion: accountTokens.credentialVersion,
    });
  return used ?? null;
}

/** A patient link with its patient and account, read without changing anything. */
export async function findPatientLink(db: Pick<Db, "select">, tokenHash: string) {
  const [row] = await db
    .select({
      id: accountTokens.id,
      purpose: accountTokens.purpose,
      patientId: accountTokens.patientId,
      expiresAt: accountTokens.expiresAt,
      usedAt: accountTokens.usedAt,
      revokedAt: accountTokens.revokedAt,
      revokedReason: accountTokens.revokedReason,
      credentialVersion: accountTokens.credentialVersion,
      sessionVersion: portalAccounts.sessionVersion,
      username: portalAccounts.username,
      lastName: patients.lastName,
      email: patients.email,
    })
    .from(accountTokens)
    .innerJoin(patients, eq(patients.id, accountTokens.patientId))
    .leftJoin(portalAccounts, eq(portalAccounts.patientId, accountTokens.patientId))
    .where(eq(accountTokens.tokenHash, tokenHash));
  return row ?? null;
}

/** A staff invitation link with its staff member, read without changing anything. */
export async function findStaffInviteLink(db: Pick<Db, "select">, tokenHash: string) {
  const [row] = await db
    .select({
      staffUserId: accountTokens.staffUserId,
      expiresAt: accountTokens.expiresAt,
      usedAt: accountTokens.usedAt,
      revokedAt: accountTokens.revokedAt,
      name: staffUsers.name,
      email: staffUsers.email,
      active: staffUsers.active,
      hasPassword: sql<boolean>`${staffUsers.passwordHash} is not null`,
    })
    .from(accountTokens)
    .innerJoin(staffUsers, eq(staffUsers.id, accountTokens.staffUserId))
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, "staff_invite")));
  return row ?? null;
}

export async function insertStaffInviteToken(
  tx: Tx,
  opts: { tokenHash: string; staffUserId: string; issuedByStaffId: string; createdAt: Date; expiresAt: Date },
) {
  await tx.insert(accountTokens).values({ ...opts, purpose: "staff_invite", issuedVia: "staff" });
}

/** Voids every unused invitation of a staff member. */
export async function revokeStaffInviteTokens(tx: Tx, opts: { staffUserId: string; reason: string; now: Date }) {
  await tx
    .update(accountTokens)
    .set({ revokedAt: opts.now, revokedReason: opts.reason })
    .where(
      and(
        eq(accountTokens.staffUserId, opts.staffUserId),
        eq(accountTokens.purpose, "staff_invite"),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
      ),
    );
}

/** Each patient's account session_version (patients without an account are left out). */
export async function accountSessionVersions(tx: Tx, patientIds: readonly string[]): Promise<Map<string, number>> {
  const accounts = await tx
    .select({ patientId: portalAccounts.patientId, sessionVersion: portalAccounts.sessionVersion })
    .from(portalAccounts)
    .where(sql`${portalAccounts.patientId} = any(${jsonArray(patientIds, "uuid")})`);
  return new Map(accounts.map((a) => [a.patientId, a.sessionVersion]));
}

/** Voids the unused links of one purpose of these patients: a newer one replaces them. */
export async function replaceUnusedPatientTokens(
  tx: Tx,
  opts: { patientIds: readonly string[]; purpose: Exclude<TokenPurpose, "staff_invite">; now: Date },
) {
  await tx
    .update(accountTokens)
    .set({ revokedAt: opts.now, revokedReason: "replaced" })
    .where(
      and(
        sql`${accountTokens.patientId} = any(${jsonArray(opts.patientIds, "uuid")})`,
        eq(accountTokens.purpose, opts.purpose),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
      ),
    );
}

export type PatientTokenRow = {
  tokenHash: string;
  purpose: Exclude<TokenPurpose, "staff_invite">;
  patientId: string;
  issuedByStaffId: string | null;
  issuedVia: string;
  credentialVersion: number;
  createdAt: Date;
  expiresAt: Date;
};

/** Many patient links in one statement. */
export async function insertPatientTokens(tx: Tx, rows: readonly PatientTokenRow[]) {
  await insertJsonRows(
    tx,
    "account_tokens",
    "token_hash text, purpose token_purpose, patient_id uuid, issued_by_staff_id uuid, issued_via text, credential_version integer, created_at timestamptz, expires_at timestamptz",
    rows.map((r) => ({
      token_hash: r.tokenHash,
      purpose: r.purpose,
      patient_id: r.patientId,
      issued_by_staff_id: r.issuedByStaffId,
      issued_via: r.issuedVia,
      credential_version: r.credentialVersion,
      created_at: r.createdAt.toISOString(),
      expires_at: r.expiresAt.toISOString(),
    })),
  );
}

/** Voids every unused link of a patient, whatever its purpose. */
export async function revokePatientTokens(tx: Tx, opts: { patientId: string; reason: string; now: Date }) {
  await tx
    .update(accountTokens)
    .set({ revokedAt: opts.now, revokedReason: opts.reason })
    .where(
      and(eq(accountTokens.patientId, opts.patientId), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)),
    );
}
