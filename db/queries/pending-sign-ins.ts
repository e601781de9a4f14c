// Half-done sign-ins (docs/security.md M4): the row behind the opaque cookie between the password and the second
// step. Taking it is one statement, so two parallel completions cannot both get a session.
import { and, eq, gt, isNotNull, isNull } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { pendingSignIns } from "../schema";
import type { FactorOwner } from "./second-factors";

export type PendingPurpose = "second_step" | "set_up";

export async function insertPendingSignIn(
  db: Db | Tx,
  opts: {
    tokenHash: string;
    owner: FactorOwner;
    sessionVersion: number;
    purpose: PendingPurpose;
    expiresAt: Date;
    now: Date;
    passedWith?: string;
  },
) {
  await db.insert(pendingSignIns).values({
    tokenHash: opts.tokenHash,
    ...(opts.owner.kind === "staff" ? { staffUserId: opts.owner.id } : { patientId: opts.owner.id }),
    sessionVersion: opts.sessionVersion,
    purpose: opts.purpose,
    createdAt: opts.now,
    expiresAt: opts.expiresAt,
    ...(opts.passedWith ? { passedAt: opts.now, method: opts.passedWith } : {}),
  });
}

const live = (tokenHash: string, now: Date) =>
  and(eq(pendingSignIns.tokenHash, tokenHash), isNull(pendingSignIns.usedAt), gt(pendingSignIns.expiresAt, now));

const columns = {
  id: pendingSignIns.id,
  staffUserId: pendingSignIns.staffUserId,
  patientId: pendingSignIns.patientId,
  sessionVersion: pendingSignIns.sessionVersion,
  purpose: pendingSignIns.purpose,
  passedAt: pendingSignIns.passedAt,
  method: pendingSignIns.method,
  expiresAt: pendingSignIns.expiresAt,
};

/** The pending sign-in behind this token, while it is unused and unexpired. */
export async function findLivePendingSignIn(db: Db | Tx, opts: { tokenHash: string; now: Date }) {
  const [row] = await db.select(columns).from(pendingSignIns).where(live(opts.tokenHash, opts.now));
  return row ?? null;
}

/** Records that the second step was passed; false when the pending sign-in was used or expired meanwhile. */
export async function markPendingSignInPassed(db: Db | Tx, opts: { id: string; method: string; now: Date }) {
  const rows = await db
    .update(pendingSignIns)
    .set({ passedAt: opts.now, method: opts.method })
    .where(and(eq(pendingSignIns.id, opts.id), isNull(pendingSignIns.usedAt), gt(pendingSignIns.expiresAt, opts.now)))
    .returning({ id: pendingSignIns.id });
  return rows.length > 0;
}

/** Uses up a passed pending sign-in: the one moment it turns into a session. Null when not passed, used or expired. */
export async function takePassedPendingSignIn(db: Db | Tx, opts: { tokenHash: string; now: Date }) {
  const [row] = await db
    .update(pendingSignIns)
    .set({ usedAt: opts.now })
    .where(and(live(opts.tokenHash, opts.now), isNotNull(pendingSignIns.passedAt)))
    .returning(columns);
  return row ?? null;
}

/** Ends a pending sign-in without a session (a lock, or the user starting again). */
export async function voidPendingSignIn(db: Db | Tx, opts: { id: string; now: Date }) {
  await db.update(pendingSignIns).set({ usedAt: opts.now }).where(eq(pendingSignIns.id, opts.id));
}
