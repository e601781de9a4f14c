import { describe, expect, it } from "vitest";
import { dictionary } from "@zxcvbn-ts/language-common";
import { checkNewPassword, passwordHint, type PasswordContext } from "./check-new-password";
import { COMMON_PASSWORD_COUNT, isCommonPassword } from "./common-passwords";

const check = (password: string, minLength = 15, context?: PasswordContext) =>
  checkNewPassword({ password, minLength, context });

// Distinct letters so length tests are not caught by the repeated-character rule.
const chars = (n: number) => Array.from({ length: n }, (_, i) => "qzxjkvbwmfhgtdy"[i % 15]).join("");

const reasonOf = (result: ReturnType<typeof checkNewPassword>) => (result.ok ? "ok" : result.reason);

describe("length (code points)", () => {
  it("refuses 14 characters and accepts 15 by default", () => {
    expect(reasonOf(check(chars(14)))).toBe("too_short");
    expect(check(chars(15))).toEqual({ ok: true, normalized: chars(15) });
  });

  it("counts emoji as one character each", () => {
    const fruit = [..."🍎🍌🍇🍉🍒🍓🥝🍍🥭🍑🍋🍊🍐🥥🥑"];
    expect(fruit.join("").length).toBe(30); // UTF-16 units: a naive count would pass 14 too
    expect(check(fruit.join("")).ok).toBe(true);
    expect(reasonOf(check(fruit.slice(0, 14).join("")))).toBe("too_short");
  });

  it("uses a configured minimum but never below 8", () => {
    expect(check(chars(11), 12).ok).toBe(false);
    expect(check(chars(12), 12).ok).toBe(true);
    expect(reasonOf(check(chars(7), 4))).toBe("too_short");
    expect(check(chars(8), 4).ok).toBe(true);
    expect(passwordHint(4)).toContain("at least 8 characters");
    expect(passwordHint(15)).toMatch(/^Use at least 15 characters\. .*unrelated words/);
  });

  it("accepts 64 and 128 characters, refuses 129 without truncating", () => {
    expect(check(chars(64)).ok).toBe(true);
    const long = check(chars(128));
    expect(long.ok && long.normalized).toBe(chars(128));
    expect(reasonOf(check(chars(129)))).toBe("too_long");
    expect(reasonOf(check("x".repeat(100_000)))).toBe("too_long");
  });
});

describe("normalisation", () => {
  it("returns the NFKC form for hashing", () => {
    const result = check("ｃｏｒｒｅｃｔ ｈｏｒｓｅ ｂａｔｔｅｒｙ");
    expect(result).toEqual({ ok: true, normalized: "correct horse battery" });
  });

  it("expands ligatures before counting", () => {
    // "ﬁ" is one code point typed, two ("fi") once normalised: 14 + 1 → 16.
    const result = check(`ﬁ${chars(14)}`);
    expect(result).toEqual({ ok: true, normalized: `fi${chars(14)}` });
  });

  it("does not require digits, capitals or symbols", () => {
    expect(check("purple otter on a quiet bicycle").ok).toBe(true);
  });
});

describe("common passwords", () => {
  const list = dictionary["passwords-common"];
  const longCommon = list.find((p) => [...p].length >= 15 && [...p].length <= 128 && new Set(p).size > 1);

  it("loads a large list", () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(10_000);
  });

  it("refuses a listed password of 15+ characters, in any case", () => {
    expect(longCommon).toBeDefined();
    const pw = longCommon!;
    expect(check(pw)).toEqual({
      ok: false,
      reason: "common",
      message: "This password is too common. Choose something harder to guess, like a few unrelated words.",
    });
    expect(reasonOf(check(pw.toUpperCase()))).toBe("common");
  });

  it("refuses common passwords hidden behind full-width letters", () => {
    expect(isCommonPassword("ＰＡＳＳＷＯＲＤ")).toBe(true);
    expect(reasonOf(check("ｐａｓｓｗｏｒｄ", 8))).toBe("common");
    expect(isCommonPassword("purple otter on a quiet bicycle")).toBe(false);
  });
});

describe("repeated characters", () => {
  it("refuses a single repeated character", () => {
    expect(reasonOf(check("a".repeat(15)))).toBe("repeated");
    expect(reasonOf(check("aAaAaAaAaAaAaAa"))).toBe("repeated");
    expect(reasonOf(check("🍎".repeat(20)))).toBe("repeated");
  });
});

describe("context words", () => {
  const context: PasswordContext = {
    username: "jsmith",
    lastName: "García-López",
    email: "pat.doe@example.com",
    practiceName: "Riverside Family Practice",
  };

  it.each([
    ["username", "my name is JSmith and i like tea", "Your password must not contain your username."],
    [
      "last name (accents and hyphen removed)",
      "the garcialopez family picnic",
      "Your password must not contain your last name.",
    ],
    ["last name as written", "proud García-López cousin", "Your password must not contain your last name."],
    ["email local part", "write to pat.doe any day now", "Your password must not contain your email address."],
    ["practice name", "i visit riverside family practice", "Your password must not contain the name of your practice."],
    [
      "practice name without spaces",
      "RiversideFamilyPractice rocks",
      "Your password must not contain the name of your practice.",
    ],
  ])("refuses a password containing the %s", (_label, password, message) => {
    expect(check(password, 15, context)).toEqual({ ok: false, reason: "contains_personal", message });
  });

  it("ignores the email domain", () => {
    expect(check("example.com is my favourite site", 15, context).ok).toBe(true);
  });

  it("ignores context words shorter than 3 characters", () => {
    const short = { username: "al", lastName: "Ng", email: "jo@example.com", practiceName: "AB" };
    expect(check("al ng jo ab walk to the river", 15, short).ok).toBe(true);
  });

  it("accepts missing or null context", () => {
    const empty = { username: null, lastName: undefined, email: null, practiceName: "" };
    expect(check("purple otter on a quiet bicycle", 15, empty).ok).toBe(true);
  });
});

describe("messages", () => {
  it("never contain the password", () => {
    const context = { username: "jsmith", lastName: "Doe", email: "x@y.z", practiceName: "Clinic" };
    const refused = [
      chars(9),
      chars(129),
      "q".repeat(20),
      dictionary["passwords-common"].find((p) => [...p].length >= 15 && new Set(p).size > 1)!,
      "jsmithjsmithjsmith",
      "clinic visit every tuesday",
    ];
    for (const password of refused) {
      const result = check(password, 15, context);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).not.toContain(password);
    }
  });
});

describe("in Spanish", () => {
  it("gives the hint and each refusal in Spanish, with the same numbers", () => {
    expect(passwordHint(15, "es")).toMatch(/^Use al menos 15 caracteres\./);
    expect(passwordHint(4, "es")).toContain("al menos 8 caracteres");
    const es = (password: string, context?: PasswordContext) =>
      checkNewPassword({ password, minLength: 15, context, locale: "es" });
    expect(es(chars(14))).toMatchObject({
      reason: "too_short",
      message: "Su contraseña debe tener al menos 15 caracteres.",
    });
    expect(es(chars(129))).toMatchObject({
      reason: "too_long",
      message: "Su contraseña debe tener 128 caracteres o menos.",
    });
    expect(es("a".repeat(15))).toMatchObject({
      reason: "repeated",
      message: expect.stringMatching(/^Esta contraseña repite/),
    });
    expect(es("the jsmith family picnic", { username: "jsmith" })).toMatchObject({
      reason: "contains_personal",
      message: "Su contraseña no debe contener su nombre de usuario.",
    });
  });

  it("stays English unless a language is given (staff pages)", () => {
    expect(checkNewPassword({ password: chars(14), minLength: 15 })).toMatchObject({
      message: "Your password must be at least 15 characters.",
    });
  });
});
