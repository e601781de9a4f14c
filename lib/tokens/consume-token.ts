// Uses a link inside the caller's transaction: one conditional UPDATE, so of any number of simultaneous
// submissions exactly one gets the row back (docs/security.md T3).
import type { Tx } from "@/db/client";
import { spendToken, type TokenPurpose } from "@/db/queries/account-tokens";
import { hashToken } from "./account-token";

export async function consumeToken(tx: Tx, opts: { token: string; purpose: TokenPurpose; now: Date }) {
  return spendToken(tx, { tokenHash: hashToken(opts.token), purpose: opts.purpose, now: opts.now });
}
