import { describe, expect, it } from "vitest";
import { z } from "zod";
import { localizeMessage } from "@/lib/i18n/localize-message";
import { addEmailFactorSchema, removeFactorSchema } from "./patient-second-step";

const firstError = (schema: z.ZodType, input: unknown, field: string) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected a refusal");
  return (z.flattenError(parsed.error).fieldErrors as Record<string, string[]>)[field][0];
};

describe("the portal's second-step forms speak the patient's language", () => {
  it("asks for the emailed code", () => {
    const message = firstError(addEmailFactorSchema, { code: "  " }, "code");
    expect(localizeMessage(message, "en")).toBe("Enter the 6-digit code from the email.");
    expect(localizeMessage(message, "es")).toBe("Escriba el código de 6 dígitos del correo electrónico.");
  });

  it("asks for the box to be ticked before removing", () => {
    const message = firstError(removeFactorSchema, { factorId: crypto.randomUUID(), confirm: false }, "confirm");
    expect(localizeMessage(message, "en")).toBe("Tick the box to confirm you want to remove it.");
    expect(localizeMessage(message, "es")).toBe("Marque la casilla para confirmar que desea quitarlo.");
  });
});
