import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, hostAllowed, originAllowed } from "./security-headers";

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

describe("host check for state-changing requests (the host Next compares with Origin)", () => {
  const app = "https://portal.example.org";
  const on = (host: string | null, forwardedHost: string | null = null) => ({ host, forwardedHost });
  it("lets reads through, and posts addressed to APP_URL's host directly or through a proxy", () => {
    expect(hostAllowed("GET", on("evil.example", "evil.example"), app)).toBe(true);
    expect(hostAllowed("POST", on("portal.example.org"), app)).toBe(true);
    expect(hostAllowed("POST", on("127.0.0.1:3000", "portal.example.org"), app)).toBe(true);
    expect(hostAllowed("POST", on("evil.example", "portal.example.org, evil.example"), app)).toBe(true);
  });
  it.each([
    ["a forged Host", on("evil.example")],
    ["a forged X-Forwarded-Host", on("portal.example.org", "evil.example")],
    ["both forged", on("evil.example", "evil.example")],
    ["a forged first X-Forwarded-Host", on("portal.example.org", "evil.example, portal.example.org")],
    ["a look-alike host", on("portal.example.org.evil.example")],
    ["another port", on("portal.example.org:8443")],
    ["no host at all", on(null)],
  ])("refuses a post with %s", (_what, headers) => {
    expect(hostAllowed("POST", headers, app)).toBe(false);
  });
});
