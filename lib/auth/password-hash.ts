// Argon2id at OWASP's recommended parameters; one dummy verification for unknown users keeps timing even.
import { hash, verify } from "@node-rs/argon2";

// m=19456 KiB, t=2, p=1 (OWASP Password Storage Cheat Sheet, argon2id). Algorithm 2 = Argon2id.
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/** Verifies against the stored hash, or against a throwaway hash when there is none, taking the same time. */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  const candidate = password.normalize("NFKC");
  if (!storedHash) {
    dummyHash ??= hash("not-a-real-password-just-for-timing", ARGON2_OPTIONS);
    await verify(await dummyHash, candidate);
    return false;
  }
  try {
    return await verify(storedHash, candidate);
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
