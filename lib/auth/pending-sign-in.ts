// The half-done sign-in between the password and the second step (docs/security.md M4): an opaque 256-bit token
// whose SHA-256 is kept, five minutes, single use, and never a session. Only the second-step pages and actions read
// it; the data-access layer knows nothing of it, so no staff or patient page or action accepts it.
import type { Db, Tx } from "@/db/client";
import {
  findLivePendingSignIn,
  insertPendingSignIn,
  markPendingSignInPassed,
  type PendingPurpose,
  takePassedPendingSignIn,
} from "@/db/queries/pending-sign-ins";
import type { AccountRef } from "@/lib/second-factor/account-ref";
import { generateToken, hashToken, looksLikeToken } from "@/lib/tokens/account-token";

export const PENDING_SIGN_IN_MINUTES = 5;

export type PendingSignIn = {
  id: string;
  owner: AccountRef;
  sessionVersion: number;
  purpose: PendingPurpose;
  passed: boolean;
  method: string | null;
  expiresAt: Date;
};

type Row = NonNullable<Awaited<ReturnType<typeof findLivePendingSignIn>>>;

const toPending = (row: Row): PendingSignIn => ({
  id: row.id,
  owner: row.staffUserId ? { kind: "staff", id: row.staffUserId } : { kind: "patient", id: row.patientId! },
  sessionVersion: row.sessionVersion,
  purpose: row.purpose as PendingPurpose,
  passed: !!row.passedAt,
  method: row.method,
  expiresAt: row.expiresAt,
});

/**
 * Starts a pending sign-in and returns its token (the caller puts it in a cookie, or straight into the
 * completion when nothing is left to prove: `passedWith` names how the account proved itself).
 */
export async function startPendingSignIn(
  db: Db | Tx,
  opts: { owner: AccountRef; sessionVersion: number; purpose: PendingPurpose; now: Date; passedWith?: string },
): Promise<string> {
  const token = generateToken();
  await insertPendingSignIn(db, {
    tokenHash: hashToken(token),
    owner: opts.owner,
    sessionVersion: opts.sessionVersion,
    purpose: opts.purpose,
    expiresAt: new Date(opts.now.getTime() + PENDING_SIGN_IN_MINUTES * 60_000),
    now: opts.now,
    passedWith: opts.passedWith,
  });
  return token;
}

export async function findPendingSignIn(
  db: Db | Tx,
  opts: { token: string | undefined; now: Date },
): Promise<PendingSignIn | null> {
  if (!looksLikeToken(opts.token)) return null;
  const row = await findLivePendingSignIn(db, { tokenHash: hashToken(opts.token), now: opts.now });
  return row ? toPending(row) : null;
}

export async function passPendingSignIn(db: Db | Tx, opts: { id: string; method: string; now: Date }) {
  return markPendingSignInPassed(db, opts);
}

/** Single use: the first caller with a passed, live token gets the pending sign-in; every later one gets null. */
export async function takePassedSignIn(
  db: Db | Tx,
  opts: { token: unknown; now: Date },
): Promise<PendingSignIn | null> {
  if (!looksLikeToken(opts.token)) return null;
  const row = await takePassedPendingSignIn(db, { tokenHash: hashToken(opts.token), now: opts.now });
  return row ? toPending(row) : null;
}
