// The password-length message is words in the message files, not built from the constant: these tests keep the
// number a patient reads equal to the limit the rules apply, in each language.
import { describe, expect, it } from "vitest";
import { localizeMessage } from "@/lib/i18n/localize-message";
import { LOCALES } from "@/lib/i18n/locales";
import { MAX_PASSWORD_LENGTH } from "@/lib/passwords/check-new-password";
import { confirmPasswordField } from "./account-link";
import { passwordInput } from "./fields";

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues[0]?.message;

describe("password field messages", () => {
  it("a blank password asks for it, in English words", () => {
    expect(localizeMessage(firstMessage(passwordInput.safeParse(""))!, "en")).toBe("Enter your password");
  });

  for (const locale of LOCALES) {
    it(`a too-long password names the real limit (${locale})`, () => {
      const long = "x".repeat(MAX_PASSWORD_LENGTH + 1);
      for (const message of [
        firstMessage(passwordInput.safeParse(long)),
        firstMessage(confirmPasswordField.safeParse("x".repeat(MAX_PASSWORD_LENGTH * 4 + 1))),
      ]) {
        expect(localizeMessage(message!, locale)).toContain(String(MAX_PASSWORD_LENGTH));
      }
    });
  }
});
