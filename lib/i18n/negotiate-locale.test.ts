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
