import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

const app = "https://portal.example.org";

describe("redirect targets (docs/security.md N4)", () => {
  it.each([
    ["/portal", "/portal"],
    ["/admin?status=inactive", "/admin?status=inactive"],
    ["https://portal.example.org/admin", "/admin"],
    ["/login#top", "/login#top"],
  ])("follows our own path %j", (target, expected) => {
    expect(safeRedirectPath(target, app)).toBe(expected);
  });

  it.each([
    "//evil.com",
    "//evil.com/portal",
    "/\\evil.com",
    "\\\\evil.com",
    "/\t/evil.com",
    "https://evil.com",
    "https://portal.example.org.evil.com/",
    "http://portal.example.org/admin",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.com",
    "portal",
    "",
    " /portal",
    "/%0d%0aSet-Cookie:x=1".replace("%0d%0a", "\r\n"),
    "x".repeat(3000),
  ])("refuses %j", (target) => {
    expect(safeRedirectPath(target, app, "/fallback")).toBe("/fallback");
  });

  it("refuses what is not a string", () => {
    for (const t of [undefined, null, 42, ["/portal"], { toString: () => "/portal" }])
      expect(safeRedirectPath(t, app)).toBe("/");
  });
});
