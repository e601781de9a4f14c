// Second factors of one account: the list its owner and staff see, and the reads and writes a second step makes.
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { secondFactors } from "../schema";

export type FactorOwner = { kind: "staff"; id: string } | { kind: "patient"; id: string };
export type FactorKind = (typeof secondFactors.$inferSelect)["kind"];

export const ownedBy = (owner: FactorOwner) =>
  owner.kind === "staff" ? eq(secondFactors.staffUserId, owner.id) : eq(secondFactors.patientId, owner.id);

const ownerColumns = (owner: FactorOwner) =>
  owner.kind === "staff" ? { staffUserId: owner.id } : { patientId: owner.id };

/** What the owner's list shows: no secret, no key. */
export async function listFactors(db: Db | Tx, owner: FactorOwner) {
  return db
    .select({
      id: secondFactors.id,
      kind: secondFactors.kind,
      name: secondFactors.name,
      createdAt: secondFactors.createdAt,
      lastUsedAt: secondFactors.lastUsedAt,
      backedUp: secondFactors.backedUp,
    })
    .from(secondFactors)
    .where(ownedBy(owner))
    .orderBy(asc(secondFactors.createdAt));
}

export async function hasAnyFactor(db: Db | Tx, owner: FactorOwner): Promise<boolean> {
  const [row] = await db.select({ id: secondFactors.id }).from(secondFactors).where(ownedBy(owner)).limit(1);
  return !!row;
}

/** The owner's authenticator-app keys (sealed) with the last step each accepted. */
export async function findTotpFactors(db: Db | Tx, owner: FactorOwner) {
  return db
    .select({
      id: secondFactors.id,
      secretSealed: secondFactors.totpSecretSealed,
      lastStep: secondFactors.totpLastStep,
    })
    .from(secondFactors)
    .where(and(ownedBy(owner), eq(secondFactors.kind, "totp")));
}

export async function insertTotpFactor(
  tx: Db | Tx,
  opts: { owner: FactorOwner; name: string; secretSealed: string; acceptedStep: number; now: Date },
): Promise<string> {
  const [row] = await tx
    .insert(secondFactors)
    .values({
      ...ownerColumns(opts.owner),
      kind: "totp",
      name: opts.name,
      totpSecretSealed: opts.secretSealed,
      totpLastStep: opts.acceptedStep,
      createdAt: opts.now,
      lastUsedAt: opts.now,
    })
    .returning({ id: secondFactors.id });
  return row.id;
}

export async function insertEmailFactor(tx: Db | Tx, opts: { patientId: string; name: string; now: Date }) {
  const [row] = await tx
    .insert(secondFactors)
    .values({ patientId: opts.patientId, kind: "email", name: opts.name, createdAt: opts.now })
    .returning({ id: secondFactors.id });
  return row.id;
}

/** A new passkey; null when its credential id is already registered (to anyone): that registration must fail. */
export async function insertPasskeyFactor(
  tx: Db | Tx,
  opts: {
    owner: FactorOwner;
    name: string;
    credentialId: string;
    publicKey: string;
    signCount: number;
    transports: string[];
    deviceType: string;
    backedUp: boolean;
    now: Date;
  },
): Promise<string | null> {
  const [row] = await tx
    .insert(secondFactors)
    .values({
      ...ownerColumns(opts.owner),
      kind: "passkey",
      name: opts.name,
      credentialId: opts.credentialId,
      publicKey: opts.publicKey,
      signCount: opts.signCount,
      transports: opts.transports,
      deviceType: opts.deviceType,
      backedUp: opts.backedUp,
      createdAt: opts.now,
    })
    .onConflictDoNothing({ target: secondFactors.credentialId })
    .returning({ id: secondFactors.id });
  return row?.id ?? null;
}

/**
 * Moves an authenticator factor's last accepted step forward, only if this step is newer: of two parallel
 * sign-ins with one code, one wins (docs/security.md M2). True when this call took the step.
 */
export async function takeTotpStep(tx: Db | Tx, opts: { factorId: string; step: number; now: Date }) {
  const rows = await tx
    .update(secondFactors)
    .set({ totpLastStep: opts.step, lastUsedAt: opts.now })
    .where(
      and(
        eq(secondFactors.id, opts.factorId),
        or(isNull(secondFactors.totpLastStep), lt(secondFactors.totpLastStep, opts.step)),
      ),
    )
    .returning({ id: secondFactors.id });
  return rows.length > 0;
}

/** A passkey by its credential id, with its owner. */
export async function findPasskey(db: Db | Tx, credentialId: string) {
  const [row] = await db
    .select({
      id: secondFactors.id,
      staffUserId: secondFactors.staffUserId,
      patientId: secondFactors.patientId,
      credentialId: secondFactors.credentialId,
      publicKey: secondFactors.publicKey,
      signCount: secondFactors.signCount,
      transports: secondFactors.transports,
    })
    .from(secondFactors)
    .where(and(eq(secondFactors.kind, "passkey"), eq(secondFactors.credentialId, credentialId)));
  return row ?? null;
}

export async function listPasskeyCredentials(db: Db | Tx, owner: FactorOwner) {
  return db
    .select({ credentialId: secondFactors.credentialId, transports: secondFactors.transports })
    .from(secondFactors)
    .where(and(ownedBy(owner), eq(secondFactors.kind, "passkey")));
}

/**
 * Records a passkey's use: its new sign counter and backup state. With `previousSignCount`, only if the counter
 * is still the one the assertion was checked against, so of two parallel uses one wins. True when recorded.
 */
export async function recordPasskeyUse(
  tx: Db | Tx,
  opts: { factorId: string; signCount: number; backedUp: boolean; now: Date; previousSignCount?: number },
): Promise<boolean> {
  const rows = await tx
    .update(secondFactors)
    .set({ signCount: opts.signCount, backedUp: opts.backedUp, lastUsedAt: opts.now })
    .where(
      and(
        eq(secondFactors.id, opts.factorId),
        opts.previousSignCount === undefined ? undefined : eq(secondFactors.signCount, opts.previousSignCount),
      ),
    )
    .returning({ id: secondFactors.id });
  return rows.length > 0;
}

export async function touchFactor(tx: Db | Tx, opts: { factorId: string; now: Date }) {
  await tx.update(secondFactors).set({ lastUsedAt: opts.now }).where(eq(secondFactors.id, opts.factorId));
}

/** Notes that the patient's emailed codes were just used to sign in (their list shows "last used"). */
export async function touchEmailFactor(tx: Db | Tx, opts: { patientId: string; now: Date }) {
  await tx
    .update(secondFactors)
    .set({ lastUsedAt: opts.now })
    .where(and(eq(secondFactors.patientId, opts.patientId), eq(secondFactors.kind, "email")));
}

/** Removes one factor of this owner; the kind removed, or null when it was not theirs. */
export async function deleteFactor(tx: Db | Tx, opts: { owner: FactorOwner; factorId: string }) {
  const [row] = await tx
    .delete(secondFactors)
    .where(and(ownedBy(opts.owner), eq(secondFactors.id, opts.factorId)))
    .returning({ kind: secondFactors.kind });
  return row?.kind ?? null;
}

/** Removes every factor of these kinds (all kinds when none given); the kinds removed. */
export async function deleteFactors(tx: Db | Tx, opts: { owner: FactorOwner; kinds?: FactorKind[] }) {
  const rows = await tx
    .delete(secondFactors)
    .where(and(ownedBy(opts.owner), opts.kinds ? inArray(secondFactors.kind, opts.kinds) : sql`true`))
    .returning({ kind: secondFactors.kind });
  return rows.map((r) => r.kind);
}

/** How many factors of each kind the account has: what the dash shows and what a recovery link could remove. */
export async function countFactorsByKind(db: Db | Tx, owner: FactorOwner): Promise<Record<FactorKind, number>> {
  const rows = await db
    .select({ kind: secondFactors.kind, n: sql<number>`count(*)::int` })
    .from(secondFactors)
    .where(ownedBy(owner))
    .groupBy(secondFactors.kind);
  const counts: Record<FactorKind, number> = { totp: 0, passkey: 0, email: 0 };
  for (const r of rows) counts[r.kind] = Number(r.n);
  return counts;
}
