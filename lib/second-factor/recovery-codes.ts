// Staff recovery codes (docs/security.md M5): ten shown once at setup, each 60 random bits, only the SHA-256 of
// the normalised code kept, each usable once. Issuing again voids every earlier code.
import { createHash, randomInt } from "node:crypto";
import type { Db, Tx } from "@/db/client";
import { countUnusedRecoveryCodes, replaceRecoveryCodes, takeRecoveryCode } from "@/db/queries/recovery-codes";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export const RECOVERY_CODE_COUNT = 10;

/**
 * Crockford's base32 in lower case: 32 symbols (5 bits each), without i, l, o and u. What a reader may mistake
 * for one of those is read as the symbol it resembles when typed (o as 0, i and l as 1).
 */
export const RECOVERY_CODE_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const LENGTH = 12; // 12 × 5 = 60 bits

const LOOK_ALIKES: Record<string, string> = { o: "0", i: "1", l: "1" };

/** As typed or pasted, in any case, with spaces, hyphens or dashes anywhere: the form its hash is taken of. */
export function normalizeRecoveryCode(typed: string): string {
  return typed
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{Pd}]/gu, "")
    .replace(/[oil]/g, (c) => LOOK_ALIKES[c]);
}

const hashCode = (normalized: string) => createHash("sha256").update(normalized, "utf8").digest("hex");

function newCode(): string {
  let s = "";
  for (let i = 0; i < LENGTH; i++) s += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Ten new codes for the staff member to write down (shown once, never stored); earlier ones stop working. */
export async function issueRecoveryCodes(tx: Tx, opts: { staffId: string; now: Date }): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newCode());
  const list = [...codes];
  await replaceRecoveryCodes(tx, {
    staffId: opts.staffId,
    codeHashes: list.map((c) => hashCode(normalizeRecoveryCode(c))),
    now: opts.now,
  });
  await recordAuditEvent(tx, {
    event: "second_factor.recovery_codes_issued",
    actorType: "staff",
    actorStaffId: opts.staffId,
    details: { count: list.length },
  });
  return list;
}

/**
 * True when `typed` is one of this staff member's unused codes, which is then used up. Whatever was typed is
 * hashed and looked up the same way (no check of its shape first), and only hashes meet in SQL, so the time
 * taken says nothing about how close a guess was. Failures are for the caller to count and audit, with its
 * other second-step failures.
 */
export async function useRecoveryCode(tx: Tx, opts: { staffId: string; typed: string; now: Date }): Promise<boolean> {
  const taken = await takeRecoveryCode(tx, {
    staffId: opts.staffId,
    codeHash: hashCode(normalizeRecoveryCode(opts.typed)),
    now: opts.now,
  });
  if (!taken) return false;
  await recordAuditEvent(tx, {
    event: "second_factor.recovery_code_used",
    actorType: "staff",
    actorStaffId: opts.staffId,
    details: { left: await countUnusedRecoveryCodes(tx, opts.staffId) },
  });
  return true;
}

/** How many unused codes the staff member has ("n left" on their profile). */
export async function recoveryCodesLeft(db: Db | Tx, staffId: string): Promise<number> {
  return countUnusedRecoveryCodes(db, staffId);
}
