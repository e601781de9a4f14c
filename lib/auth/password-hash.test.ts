import { describe, expect, it } from "vitest";
import { hash } from "@node-rs/argon2";
import { hashPassword, needsRehash, verifyPassword } from "./password-hash";

describe("password hashing (docs/security.md P5)", () => {
  it("stores Argon2id at m=65536 KiB, t=3, p=1 as a PHC string", async () => {
    const h = await hashPassword("a perfectly fine passphrase");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    expect(needsRehash(h)).toBe(false);
    expect(await verifyPassword(h, "a perfectly fine passphrase")).toBe(true);
    expect(await verifyPassword(h, "a perfectly fine passphrasE")).toBe(false);
  });

  it("normalises with NFKC, so the same password typed two ways matches", async () => {
    const h = await hashPassword("ｆｕｌｌ ｗｉｄｔｈ passphrase");
    expect(await verifyPassword(h, "full width passphrase")).toBe(true);
  });

  it("asks for a rehash of weaker or foreign hashes", async () => {
    const weak = await hash("x", { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(needsRehash(weak)).toBe(true);
    // OWASP's floor, what earlier versions stored: replaced at the next sign-in.
    const owaspFloor = await hash("x", { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(needsRehash(owaspFloor)).toBe(true);
    expect(needsRehash("$2b$10$abcdefghijklmnopqrstuv")).toBe(true);
  });

  it("verifies nothing against a missing or broken hash, without throwing", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(await verifyPassword("not a hash", "anything at all")).toBe(false);
  });
});
