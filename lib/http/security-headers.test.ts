import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, originAllowed } from "./security-headers";

describe("content security policy", () => {
  it("allows only our scripts carrying this request's nonce, and no framing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", https: true, development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("upgrade-insecure-requests");
  });

  it("does not upgrade requests on plain-HTTP development, and lets the dev server evaluate code", () => {
    const csp = contentSecurityPolicy({ nonce: "n", https: false, development: true });
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(csp).toContain("'unsafe-eval'");
  });
});

describe("origin check for state-changing requests", () => {
  const app = "https://portal.example.org";
  it("lets reads through and our own posts", () => {
    expect(originAllowed("GET", null, app)).toBe(true);
    expect(originAllowed("POST", "https://portal.example.org", app)).toBe(true);
  });
  it.each([
    null,
    "null",
    "https://evil.example",
    "http://portal.example.org",
    "https://portal.example.org.evil.example",
  ])("refuses a post from %j", (origin) => {
    expect(originAllowed("POST", origin, app)).toBe(false);
    expect(originAllowed("DELETE", origin, app)).toBe(false);
  });
});
