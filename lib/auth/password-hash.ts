// Argon2id at OWASP's recommended parameters; one dummy verification for unknown users keeps timing even.
import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";
import pLimit from "p-limit";

// Argon2id (algorithm 2) with 64 MiB and 3 passes: RFC 9106's second recommended setting, with one lane because
// the thread pool already runs concurrent sign-ins side by side. OWASP's floor (19 MiB, t=2) verified in about
// 20 ms on our 2-core machines, under docs/security.md P5's 50–500 ms; this takes about 55 ms (bench/RESULTS.md).
// Hashes made with less are replaced at the next sign-in (needsRehash).
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 65536, timeCost: 3, parallelism: 1 } as const;

// One hash per core at a time. Node's thread pool runs four at once; on two cores the extra two 64 MiB hashes
// only fight over the caches and slow every sign-in (bench/RESULTS.md: 8% more sign-ins per second, less CPU
// each). Every hash and verification, the dummy one included, waits in the same queue, so waits leak nothing.
const oneHashPerCore = pLimit(Math.max(1, availableParallelism()));

export function hashPassword(password: string): Promise<string> {
  return oneHashPerCore(() => hash(password.normalize("NFKC"), ARGON2_OPTIONS));
}

let dummyHash: Promise<string> | undefined;

/** Verifies against the stored hash, or against a throwaway hash when there is none, taking the same time. */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  const candidate = password.normalize("NFKC");
  if (!storedHash) {
    dummyHash ??= hashPassword("not-a-real-password-just-for-timing");
    const dummy = await dummyHash;
    await oneHashPerCore(() => verify(dummy, candidate));
    return false;
  }
  try {
    return await oneHashPerCore(() => verify(storedHash, candidate));
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker parameters than today's and should be replaced at sign-in. */
export function needsRehash(storedHash: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!m) return true;
  return Number(m[1]) < ARGON2_OPTIONS.memoryCost || Number(m[2]) < ARGON2_OPTIONS.timeCost;
}
