// The values printed in emails that are made at queueing: the same English as before, Spanish written by Intl.
import { describe, expect, it } from "vitest";
import { durationWords, emailDateTime, removedStepsWords } from "./email-words";

describe("email words", () => {
  it("names durations in each language", () => {
    expect(durationWords({ count: 1, unit: "hour" }, "en")).toBe("1 hour");
    expect(durationWords({ count: 24, unit: "hour" }, "en")).toBe("24 hours");
    expect(durationWords({ count: 7, unit: "day" }, "es")).toBe("7 días");
    expect(durationWords({ count: 1, unit: "hour" }, "es")).toBe("1 hora");
    expect(durationWords({ count: 10, unit: "minute" }, "es")).toBe("10 minutos");
  });

  it("writes dates in the email's language", () => {
    const at = new Date("2026-03-15T14:05:00Z");
    expect(emailDateTime(at, "en")).toBe("Mar 15, 2026, 2:05 PM UTC");
    expect(emailDateTime(at, "es")).toMatch(/^15 de marzo de 2026,? (a las )?2:05\sp\.\s?m\. UTC$/);
  });

  it("says which second steps went", () => {
    expect(removedStepsWords(["totp"], true, "en")).toBe("every second step (authenticator app)");
    expect(removedStepsWords(["passkey", "passkey", "email"], false, "en")).toBe(
      "a second step (passkeys, emailed code)",
    );
    expect(removedStepsWords(["totp", "passkey"], true, "es")).toBe(
      "todos los segundos pasos para iniciar sesión (aplicación de autenticación, llave de acceso)",
    );
  });
});
