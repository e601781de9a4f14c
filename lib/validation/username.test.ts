import { describe, expect, it } from "vitest";
import { localizeMessage } from "@/lib/i18n/localize-message";
import { normalizeUsernameKey, usernameField } from "./username";

describe("usernameField", () => {
  it.each([
    ["abc", "abc"],
    ["Jane.Doe", "Jane.Doe"],
    ["j_doe-2024", "j_doe-2024"],
    ["jane@example.com", "jane@example.com"],
    ["  padded  ", "padded"],
    ["a".repeat(64), "a".repeat(64)],
  ])("accepts %j", (input, expected) => {
    expect(usernameField.parse(input)).toBe(expected);
  });

  it.each([
    ["ab", "Username must be 3 to 64 characters"],
    ["", "Username must be 3 to 64 characters"],
    ["   ab   ", "Username must be 3 to 64 characters"],
    ["a".repeat(65), "Username must be 3 to 64 characters"],
    ["jane doe", "Username can only use letters, digits and . _ - @"],
    ["jane+doe", "Username can only use letters, digits and . _ - @"],
    ["josé", "Username can only use letters, digits and . _ - @"],
    ["jаne", "Username can only use letters, digits and . _ - @"], // Cyrillic "а"
    ["jane\u0000doe", "Username can only use letters, digits and . _ - @"],
    ["jane\tdoe", "Username can only use letters, digits and . _ - @"],
    ["jane\u007fdoe", "Username can only use letters, digits and . _ - @"],
  ])("refuses %j", (input, message) => {
    const result = usernameField.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => localizeMessage(i.message, "en"))).toContain(message);
  });

  it("refuses non-strings", () => {
    expect(usernameField.safeParse(42).success).toBe(false);
  });
});

describe("normalizeUsernameKey", () => {
  it("ignores case for uniqueness", () => {
    expect(normalizeUsernameKey("Jane.Doe")).toBe("jane.doe");
    expect(normalizeUsernameKey("JANE.DOE")).toBe(normalizeUsernameKey("jane.doe"));
  });
});
