import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./negotiate-locale";

const at = (pathname: string, cookie?: string, acceptLanguage: string | null = null) =>
  negotiateLocale({ pathname, cookie, acceptLanguage });

describe("negotiateLocale", () => {
  it("follows the browser on a first visit", () => {
    expect(at("/login", undefined, "es-MX,es;q=0.9,en;q=0.5")).toBe("es");
    expect(at("/register", undefined, "es-US")).toBe("es");
    expect(at("/login", undefined, "en-US,en;q=0.9,es;q=0.8")).toBe("en");
    expect(at("/login", undefined, "en;q=0.4,es;q=0.9")).toBe("es");
  });

  it("falls back to English for other languages, no header or a malformed one", () => {
    expect(at("/login", undefined, "fr-FR,de;q=0.8")).toBe("en");
    expect(at("/login", undefined, null)).toBe("en");
    expect(at("/login", undefined, ";;;q=,,")).toBe("en");
  });

  it("gives the same answer the second time, for short, long and many different headers", () => {
    const long = `${Array.from({ length: 60 }, (_, i) => `x${i};q=0.1`).join(",")},es;q=0.9`;
    expect(long.length).toBeGreaterThan(200);
    for (let round = 0; round < 2; round++) {
      expect(at("/login", undefined, "es-MX,es;q=0.9")).toBe("es");
      expect(at("/login", undefined, long)).toBe("es");
      for (let i = 0; i < 600; i++) expect(at("/login", undefined, `fr;q=0.${(i % 9) + 1},en-GB-x${i}`)).toBe("en");
    }
  });

  it("lets the remembered choice win over the browser", () => {
    expect(at("/login", "en", "es")).toBe("en");
    expect(at("/portal", "es", "en-US")).toBe("es");
  });

  it("ignores a cookie that names no language we have", () => {
    expect(at("/login", "fr", "es")).toBe("es");
    expect(at("/login", "<script>", null)).toBe("en");
  });

  it("keeps staff pages, the staff setup link and the dev mailbox in English", () => {
    for (const path of ["/admin", "/admin/login", "/admin/patients/1", "/staff-setup", "/dev/mailbox"]) {
      expect(at(path, "es", "es")).toBe("en");
    }
    expect(at("/administrator", "es", null)).toBe("es");
  });
});
