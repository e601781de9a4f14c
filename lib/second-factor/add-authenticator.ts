// Adds an authenticator app to an account once the owner typed a code it shows: the code proves the key was
// copied right, and its step is recorded as used so that code cannot also sign in (M2).
import type { Db } from "@/db/client";
import { insertTotpFactor } from "@/db/queries/second-factors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { seal } from "@/lib/crypto/seal";
import { type AccountRef, auditSelf } from "./account-ref";
import { readAuthenticatorOffer } from "./authenticator-offer";
import { matchTotp } from "./totp";

export type AddAuthenticatorResult = { ok: true; factorId: string } | { ok: false; reason: "stale" | "wrong_code" };

export async function addAuthenticator(
  db: Db,
  opts: { owner: AccountRef; sealedOffer: string; code: string; name: string; now: Date },
): Promise<AddAuthenticatorResult> {
  const secret = readAuthenticatorOffer(opts.sealedOffer, opts);
  if (!secret) return { ok: false, reason: "stale" };
  const step = matchTotp({ secret, typed: opts.code, afterStep: null, now: opts.now });
  if (step === null) return { ok: false, reason: "wrong_code" };
  return db.transaction(async (tx) => {
    const factorId = await insertTotpFactor(tx, {
      owner: opts.owner,
      name: opts.name,
      secretSealed: seal(secret),
      acceptedStep: step,
      now: opts.now,
    });
    await recordAuditEvent(tx, {
      ...auditSelf(opts.owner),
      event: "second_factor.added",
      details: { kind: "totp" },
    });
    return { ok: true as const, factorId };
  });
}
