// The demo seed stores ready-made hashes of the public demo passwords: each must still sign in, at today's cost.
import { describe, expect, it } from "vitest";
import { needsRehash, verifyPassword } from "@/lib/auth/password-hash";
import { DEMO_PATIENT_PASSWORD, DEMO_PATIENT_PASSWORD_HASH, DEMO_STAFF } from "./demo";

describe("demo practice passwords", () => {
  it("each stored hash verifies its README password, and no other, at today's hashing parameters", async () => {
    const pairs = [
      ...DEMO_STAFF.map((s) => [s.password, s.passwordHash]),
      [DEMO_PATIENT_PASSWORD, DEMO_PATIENT_PASSWORD_HASH],
    ];
    for (const [password, hash] of pairs) {
      expect(await verifyPassword(hash, password), password).toBe(true);
      expect(await verifyPassword(hash, `${password}x`), password).toBe(false);
      expect(needsRehash(hash), password).toBe(false);
    }
  });
});
