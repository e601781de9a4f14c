// The session token's encode and decode: Auth.js's own format (a JWE, "dir" with A256CBC-HS512, its key derived
// from the secret with HKDF under the cookie's name as salt, named in the header by its JWK thumbprint), so a
// token from either reads in the other. Two things differ, both for CPU (bench/profile-sign-in.mjs under
// --cpu-prof, per sign-in):
// - the derived key and its thumbprint are kept per secret and salt; Auth.js derives both anew for every token
//   (about 0.5 ms, and twice that for a page load, where the proxy decodes and re-encodes the cookie);
// - the cipher and the MAC run in this thread: jose 5's Node build uses node:crypto, where jose 6 (Auth.js's)
//   goes through WebCrypto, which runs each step as a job on the thread pool that also runs the password hashes
//   (about 1 ms of the main thread's CPU per token, for waking the pool and collecting the results).
// Auth.js's routes use these too (lib/auth/auth.ts).
import { hkdfSync, randomUUID } from "node:crypto";
import { base64url, calculateJwkThumbprint, EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

const ALG = "dir";
const ENC = "A256CBC-HS512";
// Auth.js reads tokens sealed with A256GCM too (an older format of its own), so this does as well.
// A Map, not an object: the header's `enc` is the sender's text, and an object would answer names such as
// "constructor" from its prototype.
const KEY_BYTES = new Map([
  ["A256CBC-HS512", 64],
  ["A256GCM", 32],
]);
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

type DerivedKey = { key: Uint8Array; thumbprint: string };
const derived = new Map<string, Promise<DerivedKey>>();

function derivedKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const length = KEY_BYTES.get(enc);
  if (!length) return Promise.reject(new Error("Unsupported JWT content encryption"));
  const id = JSON.stringify([enc, secret, salt]);
  let entry = derived.get(id);
  if (!entry) {
    const key = new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length));
    entry = calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${length * 8}` as "sha256").then(
      (thumbprint) => ({ key, thumbprint }),
    );
    derived.set(id, entry);
  }
  return entry;
}

const secretsOf = (secret: string | string[]) => (Array.isArray(secret) ? secret : [secret]);

export async function encode<Payload = JWT>(params: JWTEncodeParams<Payload>): Promise<string> {
  const { token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt = "" } = params;
  const { key, thumbprint } = await derivedKey(ENC, secretsOf(secret)[0], salt);
  return new EncryptJWT(token as Record<string, unknown>)
    .setProtectedHeader({ alg: ALG, enc: ENC, kid: thumbprint })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(randomUUID())
    .encrypt(key);
}

/** The token's claims; throws when no secret given opened it (as Auth.js's decode does). */
export async function decode<Payload = JWT>(params: JWTDecodeParams): Promise<Payload | null> {
  const { token, secret, salt = "" } = params;
  if (!token) return null;
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      for (const s of secretsOf(secret)) {
        const k = await derivedKey(enc, s, salt);
        if (kid === undefined || kid === k.thumbprint) return k.key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: 15, keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC, "A256GCM"] },
  );
  return payload as Payload;
}
