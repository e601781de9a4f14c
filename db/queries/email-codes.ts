// Six-digit codes emailed to patients (docs/security.md M7): only a keyed hash of each is kept; a code dies after
// its tries, its ten minutes, or its one use.
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { emailCodes } from "../schema";

export type EmailCodePurpose = "sign_in" | "add_factor";

/** The patient's newest code of this purpose, whatever its state. */
export async function newestEmailCode(db: Db | Tx, opts: { patientId: string; purpose: EmailCodePurpose }) {
  const [row] = await db
    .select({
      id: emailCodes.id,
      codeHash: emailCodes.codeHash,
      tries: emailCodes.tries,
      createdAt: emailCodes.createdAt,
      expiresAt: emailCodes.expiresAt,
      usedAt: emailCodes.usedAt,
    })
    .from(emailCodes)
    .where(and(eq(emailCodes.patientId, opts.patientId), eq(emailCodes.purpose, opts.purpose)))
    .orderBy(desc(emailCodes.createdAt), desc(emailCodes.id))
    .limit(1);
  return row ?? null;
}

/** Deletes the patient's unused codes of this purpose, so only the newest email's code works. */
export async function deleteUnusedEmailCodes(tx: Tx, opts: { patientId: string; purpose: EmailCodePurpose }) {
  await tx
    .delete(emailCodes)
    .where(
      and(eq(emailCodes.patientId, opts.patientId), eq(emailCodes.purpose, opts.purpose), isNull(emailCodes.usedAt)),
    );
}

export async function insertEmailCode(
  tx: Tx,
  opts: { patientId: string; purpose: EmailCodePurpose; codeHash: string; now: Date; expiresAt: Date },
): Promise<void> {
  await tx.insert(emailCodes).values({
    patientId: opts.patientId,
    purpose: opts.purpose,
    codeHash: opts.codeHash,
    createdAt: opts.now,
    expiresAt: opts.expiresAt,
  });
}

/**
 * One try at a live code: counts it, and uses the code up when `right`. A single UPDATE that re-checks the code
 * is unused, unexpired and under `maxTries` when it takes the row lock, so parallel guesses get no more tries
 * between them than one guesser, and one right code signs in once. Null when the code was not live.
 */
export async function spendEmailCodeTry(
  tx: Db | Tx,
  opts: { id: string; right: boolean; maxTries: number; now: Date },
): Promise<{ tries: number; used: boolean } | null> {
  const [row] = await tx
    .update(emailCodes)
    .set({
      tries: sql`${emailCodes.tries} + 1`,
      usedAt: opts.right ? opts.now : sql`${emailCodes.usedAt}`,
    })
    .where(
      and(
        eq(emailCodes.id, opts.id),
        isNull(emailCodes.usedAt),
        gt(emailCodes.expiresAt, opts.now),
        lt(emailCodes.tries, opts.maxTries),
      ),
    )
    .returning({ tries: emailCodes.tries, usedAt: emailCodes.usedAt });
  return row ? { tries: row.tries, used: row.usedAt !== null } : null;
}
