import { describe, expect, it } from "vitest";
import { factorDescription, factorTitle } from "./factor-description";

const NOW = new Date("2026-03-10T15:00:00Z");

describe("factorDescription", () => {
  it("names the kind, the patient's name for it, when added and when last used", () => {
    expect(
      factorDescription(
        { kind: "totp", name: "Phone", createdAt: new Date("2026-03-03T09:00:00Z"), lastUsedAt: NOW },
        NOW,
        "en",
      ),
    ).toBe("Authenticator app “Phone”, added Mar 3, 2026, last used today");
  });

  it("says yesterday, and 'not used yet' for a factor never used", () => {
    expect(
      factorDescription(
        { kind: "passkey", name: "Laptop", createdAt: new Date("2026-03-09T23:59:00Z"), lastUsedAt: null },
        NOW,
        "en",
      ),
    ).toBe("Passkey “Laptop”, added yesterday, not used yet");
  });

  it("speaks Spanish, with the date written out", () => {
    expect(
      factorDescription(
        {
          kind: "totp",
          name: "Teléfono",
          createdAt: new Date("2026-03-03T09:00:00Z"),
          lastUsedAt: new Date("2026-03-09T08:00:00Z"),
        },
        NOW,
        "es",
      ),
    ).toBe("Aplicación de autenticación “Teléfono”, se agregó el 3 de marzo de 2026, se usó por última vez ayer");
    expect(
      factorDescription({ kind: "email", name: "Emailed code", createdAt: NOW, lastUsedAt: null }, NOW, "es"),
    ).toBe("Código por correo electrónico, se agregó hoy, todavía no se ha usado");
  });

  it("does not repeat a name that only says the kind, in either language", () => {
    expect(factorTitle({ kind: "totp", name: "Authenticator app" }, "en")).toBe("Authenticator app");
    expect(factorTitle({ kind: "passkey", name: "Passkey" }, "en")).toBe("Passkey");
    expect(factorTitle({ kind: "email", name: "Emailed code" }, "en")).toBe("Code by email");
    expect(factorTitle({ kind: "totp", name: "Aplicación de autenticación" }, "en")).toBe("Authenticator app");
    expect(factorTitle({ kind: "passkey", name: "Passkey" }, "es")).toBe("Llave de acceso");
    expect(factorTitle({ kind: "passkey", name: "Portátil" }, "es", "inSentence")).toBe(
      "la llave de acceso “Portátil”",
    );
  });
});
