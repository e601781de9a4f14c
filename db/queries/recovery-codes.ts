// Staff recovery codes (docs/security.md M5): only their SHA-256 is kept, ten at a time, each usable once.
import { and, count, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { recoveryCodes } from "../schema";

/** Deletes every earlier code of this staff member and stores the new ones' hashes. */
export async function replaceRecoveryCodes(
  tx: Tx,
  opts: { staffId: string; codeHashes: readonly string[]; now: Date },
): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.staffUserId, opts.staffId));
  if (!opts.codeHashes.length) return;
  await tx
    .insert(recoveryCodes)
    .values(opts.codeHashes.map((codeHash) => ({ staffUserId: opts.staffId, codeHash, createdAt: opts.now })));
}

/**
 * Marks this staff member's unused code with this hash used; true when this call took it. One UPDATE with
 * `used_at IS NULL`: of two parallel uses of one code, the second finds it already used.
 */
export async function takeRecoveryCode(
  tx: Db | Tx,
  opts: { staffId: string; codeHash: string; now: Date },
): Promise<boolean> {
  const rows = await tx
    .update(recoveryCodes)
    .set({ usedAt: opts.now })
    .where(
      and(
        eq(recoveryCodes.staffUserId, opts.staffId),
        eq(recoveryCodes.codeHash, opts.codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(db: Db | Tx, staffId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.staffUserId, staffId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Deletes every code of this staff member (their second step was reset). */
export async function deleteRecoveryCodes(tx: Tx, staffId: string): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.staffUserId, staffId));
}
