import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { z } from "zod";
import { localizeMessage, validationKey } from "@/lib/i18n/localize-message";
import { parseVerificationForm, verificationForm, verificationFormSchema } from "./verification-form";
import { matchPatient } from "@/lib/verification/match-patient";
import { normalizeLastName, zip5 } from "@/lib/verification/normalize";

const TODAY = new Date("2025-06-15T12:00:00Z");
const good = {
  email: " Pat@Example.com ",
  lastName: " O’Brien ",
  dobMonth: "3",
  dobDay: "4",
  dobYear: "1962",
  zip: " 62701 ",
};
const parse = (over: Record<string, unknown> = {}) => parseVerificationForm({ ...good, ...over }, TODAY);
const errorsOf = (over: Record<string, unknown>) => {
  const r = parse(over);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
};

// The rules report message keys; the English words a patient reads are checked once, below.
const WORDS = {
  emailMissing: "Enter your email address",
  emailForm: "Enter your email address in the right form, like name@example.com",
  nameMissing: "Enter your last name",
  nameLong: "Last name must be 100 characters or fewer",
  nameChars: "Last name contains characters that are not allowed",
  dobMissing: "Enter your date of birth",
  dobReal: "Date of birth must be a real date",
  dobPast: "Date of birth must be in the past",
  dobYear: "Enter the year as 4 digits, like 1980",
  dob1900: "Date of birth must be after 1900",
  zipMissing: "Enter your ZIP code",
  zipForm: "Enter a 5-digit ZIP code, like 62701 (or ZIP+4, like 62701-1234)",
};
const MSG = {
  emailMissing: validationKey("enterEmail"),
  emailForm: validationKey("emailWrongForm"),
  nameMissing: validationKey("enterLastName"),
  nameLong: validationKey("lastNameTooLong"),
  nameChars: validationKey("lastNameNotAllowed"),
  dobMissing: validationKey("enterDateOfBirth"),
  dobReal: validationKey("dateOfBirthNotReal"),
  dobPast: validationKey("dateOfBirthInPast"),
  dobYear: validationKey("yearFourDigits"),
  dob1900: validationKey("dateOfBirthAfter1900"),
  zipMissing: validationKey("enterZip"),
  zipForm: validationKey("zipWrongForm"),
};

describe("verification form: message words", () => {
  it("each key reads as plain English", () => {
    for (const [name, key] of Object.entries(MSG))
      expect(localizeMessage(key, "en")).toBe(WORDS[name as keyof typeof WORDS]);
  });
});

describe("verification form: good input", () => {
  it("cleans a typical submission", () => {
    expect(parse()).toEqual({
      ok: true,
      data: { email: "pat@example.com", lastName: "O’Brien", dateOfBirth: "1962-03-04", zip: "62701" },
    });
  });

  it("reads FormData", () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(good)) fd.set(k, v);
    const r = parseVerificationForm(fd, TODAY);
    expect(r.ok && r.data.dateOfBirth).toBe("1962-03-04");
  });

  it.each([
    ["62701", "62701"],
    ["62701-1234", "62701-1234"],
    ["  62701-1234 ", "62701-1234"],
  ])("accepts ZIP %j", (zip, out) => {
    const r = parse({ zip });
    expect(r.ok && r.data.zip).toBe(out);
  });

  it.each([
    [{ dobMonth: "02", dobDay: "29", dobYear: "2000" }, "2000-02-29"],
    [{ dobMonth: "12", dobDay: "31", dobYear: "1999" }, "1999-12-31"],
    [{ dobMonth: "1", dobDay: "1", dobYear: "1900" }, "1900-01-01"],
    [{ dobMonth: "6", dobDay: "15", dobYear: "2025" }, "2025-06-15"],
  ])("accepts date of birth %j", (dob, iso) => {
    const r = parse(dob);
    expect(r.ok && r.data.dateOfBirth).toBe(iso);
  });

  it("accepts names with accents, spaces and punctuation", () => {
    for (const lastName of ["García-López", "St. James", "Van der Berg", "Nguyễn", "Strauß", "x".repeat(100)]) {
      expect(parse({ lastName }).ok).toBe(true);
    }
  });

  it("the module's schema and the schema factory agree", () => {
    const r = verificationFormSchema(TODAY).safeParse(good);
    expect(r.success && r.data.email).toBe("pat@example.com");
    expect(verificationForm.safeParse(good).success).toBe(true);
  });

  it("reads today at parse time when none is given", () => {
    const next = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10).split("-");
    const r = verificationForm.safeParse({ ...good, dobYear: next[0], dobMonth: next[1], dobDay: next[2] });
    expect(r.success).toBe(false);
  });
});

describe("verification form: each error message", () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ["email missing", { email: "" }, "email", MSG.emailMissing],
    ["email spaces only", { email: "   " }, "email", MSG.emailMissing],
    ["email not a string", { email: 42 }, "email", MSG.emailMissing],
    ["email without @", { email: "pat.example.com" }, "email", MSG.emailForm],
    ["email without domain", { email: "pat@" }, "email", MSG.emailForm],
    ["email too long", { email: `${"a".repeat(250)}@example.com` }, "email", MSG.emailForm],
    ["last name missing", { lastName: "" }, "lastName", MSG.nameMissing],
    ["last name punctuation only", { lastName: "-'." }, "lastName", MSG.nameMissing],
    ["last name 101 characters", { lastName: "x".repeat(101) }, "lastName", MSG.nameLong],
    ["date of birth missing", { dobMonth: "", dobDay: "", dobYear: "" }, "dateOfBirth", MSG.dobMissing],
    ["date of birth day missing", { dobDay: " " }, "dateOfBirth", MSG.dobMissing],
    ["February 30", { dobMonth: "2", dobDay: "30", dobYear: "1990" }, "dateOfBirth", MSG.dobReal],
    ["February 29 in a common year", { dobMonth: "2", dobDay: "29", dobYear: "1900" }, "dateOfBirth", MSG.dobReal],
    ["month 13", { dobMonth: "13" }, "dateOfBirth", MSG.dobReal],
    ["day 0", { dobDay: "0" }, "dateOfBirth", MSG.dobReal],
    ["month in words", { dobMonth: "March" }, "dateOfBirth", MSG.dobReal],
    ["tomorrow", { dobMonth: "6", dobDay: "16", dobYear: "2025" }, "dateOfBirth", MSG.dobPast],
    ["far future", { dobYear: "2999" }, "dateOfBirth", MSG.dobPast],
    ["two-digit year", { dobYear: "80" }, "dateOfBirth", MSG.dobYear],
    ["five-digit year", { dobYear: "19800" }, "dateOfBirth", MSG.dobYear],
    ["year 1899", { dobYear: "1899" }, "dateOfBirth", MSG.dob1900],
    ["ZIP missing", { zip: "" }, "zip", MSG.zipMissing],
    ["ZIP four digits", { zip: "6270" }, "zip", MSG.zipForm],
    ["ZIP six digits", { zip: "627011" }, "zip", MSG.zipForm],
    ["ZIP+4 without hyphen", { zip: "627011234" }, "zip", MSG.zipForm],
    ["ZIP+4 short", { zip: "62701-123" }, "zip", MSG.zipForm],
    ["ZIP with letters", { zip: "SW1A 1AA" }, "zip", MSG.zipForm],
  ])("%s", (_what, over, key, message) => {
    expect(errorsOf(over)).toEqual({ [key]: [message] });
  });

  it("reports every field at once and echoes what was typed", () => {
    const r = parseVerificationForm(
      { email: "x", lastName: "", dobMonth: "2", dobDay: "30", dobYear: "1990", zip: "1" },
      TODAY,
    );
    expect(r).toEqual({
      ok: false,
      errors: { email: [MSG.emailForm], lastName: [MSG.nameMissing], dateOfBirth: [MSG.dobReal], zip: [MSG.zipForm] },
      values: { email: "x", lastName: "", dobMonth: "2", dobDay: "30", dobYear: "1990", zip: "1" },
    });
  });

  it("treats an empty form as four missing answers", () => {
    expect(
      errorsOf({
        email: undefined,
        lastName: undefined,
        dobMonth: undefined,
        dobDay: undefined,
        dobYear: undefined,
        zip: undefined,
      }),
    ).toEqual({
      email: [MSG.emailMissing],
      lastName: [MSG.nameMissing],
      dateOfBirth: [MSG.dobMissing],
      zip: [MSG.zipMissing],
    });
  });
});

describe("verification form: hostile input", () => {
  it.each(["\r", "\n", "\t", "\u0000", "\u0007", "\u007f", "\u0085", "\u2028"])(
    "refuses control character %j in every field",
    (c) => {
      expect(errorsOf({ email: `pat@example.com${c}` }).email).toEqual([MSG.emailForm]);
      expect(errorsOf({ lastName: `Smith${c}` }).lastName).toEqual([MSG.nameChars]);
      expect(errorsOf({ dobYear: `1962${c}` }).dateOfBirth).toEqual([MSG.dobReal]);
      expect(errorsOf({ dobDay: `${c}4` }).dateOfBirth).toEqual([MSG.dobReal]);
      expect(errorsOf({ zip: `62701${c}` }).zip).toEqual([MSG.zipForm]);
    },
  );

  it("refuses header injection in the email", () => {
    expect(errorsOf({ email: "pat@example.com\r\nBcc: all@example.com" }).email).toEqual([MSG.emailForm]);
  });

  it("refuses 10 KB and 1 MB strings cleanly and echoes only a short prefix", () => {
    for (const size of [10_240, 1_048_576]) {
      const big = "9".repeat(size);
      const r = parseVerificationForm(
        { email: `${big}@example.com`, lastName: big, dobMonth: big, dobDay: big, dobYear: big, zip: big },
        TODAY,
      );
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors).toEqual({
        email: [MSG.emailForm],
        lastName: [MSG.nameLong],
        dateOfBirth: [MSG.dobYear],
        zip: [MSG.zipForm],
      });
      for (const v of Object.values(r.values)) expect(v.length).toBeLessThanOrEqual(320);
    }
  });

  it("echoes only strings, never files or objects", () => {
    const fd = new FormData();
    fd.set("lastName", new Blob(["Smith"]), "name.txt");
    fd.set("zip", "1");
    const r = parseVerificationForm(fd, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.values).toEqual({ zip: "1" });
    const r2 = parseVerificationForm(
      { email: { toString: () => "pat@example.com" }, lastName: ["Smith"], zip: 62701 },
      TODAY,
    );
    expect(!r2.ok && r2.values).toEqual({});
  });

  it("does not split an emoji when cutting the echo", () => {
    const r = parseVerificationForm({ lastName: "😀".repeat(200) }, TODAY);
    expect(!r.ok && r.values.lastName).toBe("😀".repeat(150));
  });

  it("ignores inherited properties", () => {
    const proto = { email: "pat@example.com" };
    const r = parseVerificationForm(Object.create(proto) as Record<string, unknown>, TODAY);
    expect(!r.ok && r.errors.email).toEqual([MSG.emailMissing]);
  });

  it("falls back to the real date when given an invalid today", () => {
    expect(parseVerificationForm(good, new Date("nonsense")).ok).toBe(true);
  });

  it("without today, reads the date at each parse (requests share one schema built at load)", () => {
    const born = { ...good, dobMonth: "1", dobDay: "2", dobYear: "2031" };
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date("2031-01-01T12:00:00Z"));
      const before = parseVerificationForm(born);
      expect(!before.ok && before.errors.dateOfBirth).toEqual([MSG.dobPast]);
      vi.setSystemTime(new Date("2031-01-02T12:00:00Z"));
      expect(parseVerificationForm(born)).toEqual({
        ok: true,
        data: { email: "pat@example.com", lastName: "O’Brien", dateOfBirth: "2031-01-02", zip: "62701" },
      });
      expect(parseVerificationForm(born)).toEqual(parseVerificationForm(born, new Date()));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("verification form: properties", () => {
  const anyString = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary-ascii" }),
  );
  const anyValue = fc.oneof(anyString, fc.anything());
  const inputs = fc.record(
    { email: anyValue, lastName: anyValue, dobMonth: anyValue, dobDay: anyValue, dobYear: anyValue, zip: anyValue },
    { requiredKeys: [] },
  );
  // Plausible values often enough that the ok branch is exercised too.
  const mostly = <T>(valid: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: anyString, weight: 1 });
  // fast-check's addresses are RFC-valid but mostly stranger than zod's email rule accepts; plain ones as well,
  // so that clean records really do come up in every run.
  const plainEmail = fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/), fc.constantFrom("example.com", "clinic.org", "Mail.Example.NET"))
    .map(([l, d]) => ` ${l}@${d}`);
  const plausible = fc.record({
    email: mostly(fc.oneof(fc.emailAddress(), plainEmail)),
    lastName: mostly(fc.constantFrom("Smith", "O’Brien", " García-López ", "-")),
    dobMonth: mostly(fc.integer({ min: 0, max: 13 }).map(String)),
    dobDay: mostly(fc.integer({ min: 0, max: 32 }).map(String)),
    dobYear: mostly(fc.integer({ min: 1890, max: 2030 }).map(String)),
    zip: mostly(fc.stringMatching(/^ ?[0-9]{5}(-?[0-9]{4})? ?$/)),
  });

  const checkResult = (r: ReturnType<typeof parseVerificationForm>) => {
    if (r.ok) {
      const d = r.data;
      expect(z.email().safeParse(d.email).success).toBe(true);
      expect(d.email).toBe(d.email.toLowerCase().trim());
      expect(d.email.length).toBeLessThanOrEqual(254);
      expect([...d.lastName].length).toBeLessThanOrEqual(100);
      expect(normalizeLastName(d.lastName)).not.toBe("");
      expect(d.dateOfBirth).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/);
      expect(new Date(`${d.dateOfBirth}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d.dateOfBirth);
      expect(d.dateOfBirth >= "1900-01-01" && d.dateOfBirth <= "2025-06-15").toBe(true);
      expect(d.zip).toMatch(/^[0-9]{5}(-[0-9]{4})?$/);
      for (const v of Object.values(d)) expect(v).not.toMatch(/[\p{Cc}]/u);
      // A clean form always matches the record it describes.
      const p = { id: "p", ...d };
      expect(matchPatient([p], d)).toEqual({ outcome: "matched", patientId: "p" });
    } else {
      const keys = Object.keys(r.errors);
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) expect(["email", "lastName", "dateOfBirth", "zip"]).toContain(k);
      for (const v of Object.values(r.values)) expect(typeof v).toBe("string");
    }
  };

  it("never throws on arbitrary records", () => {
    fc.assert(
      fc.property(inputs, (form) => {
        checkResult(parseVerificationForm(form, TODAY));
      }),
    );
  });

  it("never throws on plausible-looking records, and clean output follows the rules", () => {
    let oks = 0;
    fc.assert(
      fc.property(plausible, (form) => {
        const r = parseVerificationForm(form, TODAY);
        if (r.ok) oks++;
        checkResult(r);
      }),
      { numRuns: 500 },
    );
    expect(oks).toBeGreaterThan(0);
  });

  it("the schema never throws on anything at all", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = verificationFormSchema(TODAY).safeParse(input);
        expect(typeof r.success).toBe("boolean");
        checkResult(parseVerificationForm(input as Record<string, unknown>, TODAY));
      }),
    );
  });

  it("zip5 agrees with every accepted ZIP", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{5}(-[0-9]{4})?$/), (zip) => {
        expect(zip5(zip)).toBe(zip.slice(0, 5));
      }),
    );
  });
});
