import { describe, expect, it } from "vitest";
import { seal, unseal } from "./seal";

describe("sealing secrets at rest", () => {
  it("round-trips a value and hides it", () => {
    const value = { email: "pat@example.com", dateOfBirth: "1980-02-29", link: "https://portal.test/x?token=abc" };
    const sealed = seal(value);
    expect(sealed).not.toContain("pat@example.com");
    expect(sealed).not.toContain("1980");
    expect(unseal(sealed)).toEqual(value);
  });

  it("seals the same value differently each time", () => {
    expect(seal("same")).not.toBe(seal("same"));
  });

  it("refuses a tampered or foreign value", () => {
    const sealed = seal({ a: 1 });
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    expect(() => unseal([parts[0], parts[1], parts[2], body.toString("base64url")].join("."))).toThrow();
    expect(() => unseal("not sealed")).toThrow("Not a sealed value");
  });
});
