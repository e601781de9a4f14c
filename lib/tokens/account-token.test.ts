import { describe, expect, it } from "vitest";
import { generateToken, hashToken, looksLikeToken } from "./account-token";

describe("link tokens (docs/security.md T1, T2)", () => {
  it("are 43 base64url characters (256 bits) and 10,000 of them never repeat", () => {
    const tokens = Array.from({ length: 10_000 }, generateToken);
    expect(new Set(tokens).size).toBe(10_000);
    for (const t of tokens.slice(0, 100)) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, "base64url")).toHaveLength(32);
    }
  });

  it("are stored as a SHA-256 hex digest, never as themselves", () => {
    const t = generateToken();
    const h = hashToken(t);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(t);
    expect(hashToken(t)).toBe(h);
  });

  it("turn away anything that is not shaped like a token before touching the database", () => {
    expect(looksLikeToken(generateToken())).toBe(true);
    for (const bad of [
      undefined,
      null,
      42,
      "",
      "abc",
      "A".repeat(44),
      `${"A".repeat(42)}=`,
      ["x"],
      `${"a".repeat(42)}\n`,
    ]) {
      expect(looksLikeToken(bad)).toBe(false);
    }
  });
});
