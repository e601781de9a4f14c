import { describe, expect, it } from "vitest";
import { factorDescription, factorTitle } from "./factor-description";

const NOW = new Date("2026-03-10T15:00:00Z");

describe("factorDescription", () => {
  it("names the kind, the patient's name for it, when added and when last used", () => {
    expect(
      factorDescription(
        { kind: "totp", name: "Phone", createdAt: new Date("2026-03-03T09:00:00Z"), lastUsedAt: NOW },
        NOW,
      ),
    ).toBe("Authenticator app “Phone”, added Mar 3, 2026, last used today");
  });

  it("says yesterday, and 'not used yet' for a factor never used", () => {
    expect(
      factorDescription(
        { kind: "passkey", name: "Laptop", createdAt: new Date("2026-03-09T23:59:00Z"), lastUsedAt: null },
        NOW,
      ),
    ).toBe("Passkey “Laptop”, added yesterday, not used yet");
  });

  it("does not repeat a name that only says the kind", () => {
    expect(factorTitle({ kind: "totp", name: "Authenticator app" })).toBe("Authenticator app");
    expect(factorTitle({ kind: "passkey", name: "Passkey" })).toBe("Passkey");
    expect(factorTitle({ kind: "email", name: "Emailed code" })).toBe("Code by email");
  });
});
