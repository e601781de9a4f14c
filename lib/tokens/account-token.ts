// One-time link tokens: 256 random bits, base64url in the link, only their SHA-256 stored (docs/security.md T1, T2).
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_BYTES = 32;

export const generateToken = () => randomBytes(TOKEN_BYTES).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** Cheap shape check before any database work: a pasted or truncated link is simply "unknown". */
export const looksLikeToken = (value: unknown): value is string =>
  typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
