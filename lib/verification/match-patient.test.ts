import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { matchPatient, type OnFilePatient, type TypedDetails } from "./match-patient";
import { normalizeEmail, normalizeLastName, zip5 } from "./normalize";

const patient = (over: Partial<OnFilePatient> = {}): OnFilePatient => ({
  id: "p1",
  email: "pat@example.com",
  lastName: "Smith",
  dateOfBirth: "1962-03-14",
  zip: "62701",
  ...over,
});
const typed = (over: Partial<TypedDetails> = {}): TypedDetails => ({
  email: "pat@example.com",
  lastName: "Smith",
  dateOfBirth: "1962-03-14",
  zip: "62701",
  ...over,
});

// [what, on file, typed]
const mustMatch: [string, Partial<OnFilePatient>, Partial<TypedDetails>][] = [
  ["identical details", {}, {}],
  ["curly apostrophe typed, straight on file", { lastName: "O'Brien" }, { lastName: "O’Brien" }],
  ["straight apostrophe typed, curly on file", { lastName: "O’Brien" }, { lastName: "o'brien" }],
  ["apostrophe left out", { lastName: "O'Brien" }, { lastName: "OBrien" }],
  ["modifier-letter apostrophe", { lastName: "D'Angelo" }, { lastName: "Dʼangelo" }],
  ["backtick for apostrophe", { lastName: "O'Neil" }, { lastName: "O`Neil" }],
  ["accents left out", { lastName: "García-López" }, { lastName: "Garcia Lopez" }],
  ["accents typed, plain on file", { lastName: "Muller" }, { lastName: "Müller" }],
  ["decomposed accent vs composed", { lastName: "Jos\u00e9" }, { lastName: "Jose\u0301" }],
  ["hyphen vs space", { lastName: "Smith-Jones" }, { lastName: "Smith Jones" }],
  ["en dash vs hyphen", { lastName: "Smith-Jones" }, { lastName: "Smith–Jones" }],
  ["non-breaking space vs none", { lastName: "Van der Berg" }, { lastName: "Van\u00a0der\u00a0Berg" }],
  ["all capitals", {}, { lastName: "SMITH" }],
  ["all lower case", { lastName: "McDonald" }, { lastName: "mcdonald" }],
  ["Mc Donald vs McDonald", { lastName: "McDonald" }, { lastName: "Mc Donald" }],
  ["St. James vs St James", { lastName: "St. James" }, { lastName: "St James" }],
  ["St. James vs stjames", { lastName: "St. James" }, { lastName: "stjames" }],
  ["Van der Berg vs vanderberg", { lastName: "Van der Berg" }, { lastName: "vanderberg" }],
  ["compound Spanish surname with y", { lastName: "Ortega y Gasset" }, { lastName: "Ortega-y-Gasset" }],
  ["compound Spanish surname, accents and hyphen", { lastName: "Núñez-Fernández" }, { lastName: "nunez fernandez" }],
  ["German ß vs ss", { lastName: "Strauß" }, { lastName: "Strauss" }],
  ["capital ẞ vs ss", { lastName: "Strauss" }, { lastName: "STRAUẞ" }],
  ["Turkish dotted capital İ", { lastName: "İnönü" }, { lastName: "Inonu" }],
  ["Turkish dotless ı", { lastName: "Yılmaz" }, { lastName: "Yilmaz" }],
  ["Vietnamese tones", { lastName: "Nguyễn" }, { lastName: "Nguyen" }],
  ["Vietnamese Đ", { lastName: "Đặng" }, { lastName: "Dang" }],
  ["leading and trailing spaces in name", {}, { lastName: "  Smith  " }],
  ["ZIP+4 typed, 5 digits on file", {}, { zip: "62701-1234" }],
  ["ZIP+4 on file, 5 digits typed", { zip: "62701-9999" }, { zip: "62701" }],
  ["ZIP+4 without a hyphen on file", { zip: "627019999" }, {}],
  ["ZIP with spaces around", { zip: " 62701 " }, { zip: "62701 " }],
  ["email case typed", {}, { email: "Pat@Example.COM" }],
  ["email case on file", { email: "PAT@example.com" }, {}],
  ["email spaces typed", {}, { email: "  pat@example.com " }],
  ["full-width letters", { lastName: "McDonald" }, { lastName: "ＭｃＤｏｎａｌｄ" }],
];

const mustNotMatch: [string, Partial<OnFilePatient>, Partial<TypedDetails>][] = [
  ["date of birth a day later", {}, { dateOfBirth: "1962-03-15" }],
  ["date of birth a day earlier", {}, { dateOfBirth: "1962-03-13" }],
  ["month and day swapped", { dateOfBirth: "1962-03-04" }, { dateOfBirth: "1962-04-03" }],
  ["year off by one", {}, { dateOfBirth: "1963-03-14" }],
  ["ZIP differs by a digit", {}, { zip: "62702" }],
  ["ZIP+4 with a different 5-digit part", { zip: "62701-1234" }, { zip: "62702-1234" }],
  ["ZIP missing on file", { zip: null }, {}],
  ["ZIP blank on file", { zip: "" }, {}],
  ["ZIP malformed on file", { zip: "6270" }, { zip: "6270" }],
  ["ZIP blank typed", {}, { zip: "" }],
  ["last name differs by a letter", {}, { lastName: "Smyth" }],
  ["last name with an extra letter", {}, { lastName: "Smiths" }],
  ["only part of a compound surname", { lastName: "García-López" }, { lastName: "Garcia" }],
  ["empty last name typed", {}, { lastName: "" }],
  ["last name of punctuation only, on both sides", { lastName: "-" }, { lastName: "'" }],
  ["email differs", {}, { email: "pat2@example.com" }],
  ["email missing on file", { email: null }, {}],
  ["email blank typed", {}, { email: "  " }],
  ["first name typed for last name", {}, { lastName: "Pat" }],
];

describe("matchPatient: one on-file record", () => {
  it.each(mustMatch)("matches: %s", (_what, onFile, details) => {
    expect(matchPatient([patient(onFile)], typed(details))).toEqual({ outcome: "matched", patientId: "p1" });
  });

  it.each(mustNotMatch)("does not match: %s", (_what, onFile, details) => {
    expect(matchPatient([patient(onFile)], typed(details)).outcome).toBe("no_match");
  });

  it("has a large table of real-world variants", () => {
    expect(mustMatch.length + mustNotMatch.length).toBeGreaterThanOrEqual(30);
  });

  it("re-checks the email even if the caller passed a record with another email", () => {
    expect(matchPatient([patient({ email: "someone.else@example.com" })], typed())).toEqual({
      outcome: "no_match",
      emailPatientId: null,
      mismatchedFields: [],
    });
  });

  it("finds nothing among no candidates", () => {
    expect(matchPatient([], typed())).toEqual({ outcome: "no_match", emailPatientId: null, mismatchedFields: [] });
  });
});

describe("matchPatient: several records", () => {
  const mum = patient({ id: "mum", lastName: "Nguyen", dateOfBirth: "1970-05-01", email: "family@example.com" });
  const son = patient({ id: "son", lastName: "Nguyen", dateOfBirth: "2005-09-12", email: "family@example.com" });
  const dad = patient({ id: "dad", lastName: "Tran", dateOfBirth: "1970-05-01", email: "Family@Example.com" });
  const family = [mum, son, dad];

  it("tells family members sharing one email apart by date of birth", () => {
    const r = matchPatient(
      family,
      typed({ email: "family@example.com", lastName: "Nguyễn", dateOfBirth: "2005-09-12" }),
    );
    expect(r).toEqual({ outcome: "matched", patientId: "son" });
  });

  it("tells family members sharing one email apart by last name", () => {
    const r = matchPatient(family, typed({ email: "family@example.com", lastName: "tran", dateOfBirth: "1970-05-01" }));
    expect(r).toEqual({ outcome: "matched", patientId: "dad" });
  });

  it("gives no troubleshooting detail when several records share the email", () => {
    const r = matchPatient(
      family,
      typed({ email: "family@example.com", lastName: "Nguyen", dateOfBirth: "1999-01-01" }),
    );
    expect(r).toEqual({ outcome: "no_match", emailPatientId: null, mismatchedFields: [] });
  });

  it("reports duplicate charts as ambiguous", () => {
    const dup = patient({ id: "p2", lastName: "SMITH", zip: "62701-0001" });
    expect(matchPatient([patient(), dup], typed())).toEqual({ outcome: "ambiguous", patientIds: ["p1", "p2"] });
  });

  it("matches the one duplicate whose details all agree", () => {
    const other = patient({ id: "p2", zip: "90210" });
    expect(matchPatient([patient(), other], typed())).toEqual({ outcome: "matched", patientId: "p1" });
  });

  it("does not call the same record passed twice ambiguous", () => {
    expect(matchPatient([patient(), patient()], typed())).toEqual({ outcome: "matched", patientId: "p1" });
  });

  it("ignores candidates with another email when deciding whose details were wrong", () => {
    const r = matchPatient([patient({ id: "x", email: "x@example.com" }), patient()], typed({ zip: "10001" }));
    expect(r).toEqual({ outcome: "no_match", emailPatientId: "p1", mismatchedFields: ["zip"] });
  });
});

describe("matchPatient: mismatchedFields for staff", () => {
  it.each<[Partial<OnFilePatient>, Partial<TypedDetails>, string[]]>([
    [{}, { lastName: "Smyth" }, ["last_name"]],
    [{}, { dateOfBirth: "1962-14-03" }, ["date_of_birth"]],
    [{}, { zip: "62702" }, ["zip"]],
    [{ zip: null }, {}, ["zip"]],
    [{}, { lastName: "", zip: "" }, ["last_name", "zip"]],
    [{}, { lastName: "Jones", dateOfBirth: "1990-01-01", zip: "10001" }, ["last_name", "date_of_birth", "zip"]],
  ])("on file %j, typed %j → %j", (onFile, details, fields) => {
    expect(matchPatient([patient(onFile)], typed(details))).toEqual({
      outcome: "no_match",
      emailPatientId: "p1",
      mismatchedFields: fields,
    });
  });
});

describe("normalisers", () => {
  it.each([
    ["O’Brien", "obrien"],
    ["Garcia Lopez", "garcialopez"],
    ["García-López", "garcialopez"],
    ["St. James", "stjames"],
    ["Van der Berg", "vanderberg"],
    ["Strauß", "strauss"],
    ["Smith\u00adson", "smithson"],
    ["  ", ""],
    ["-'.", ""],
  ])("normalizeLastName(%j) = %j", (input, out) => {
    expect(normalizeLastName(input)).toBe(out);
  });

  it.each([
    ["62701", "62701"],
    [" 62701-1234 ", "62701"],
    ["627011234", "62701"],
    ["6270", null],
    ["62701-12", null],
    ["62701 1234", null],
    ["a62701", null],
    ["", null],
    [null, null],
    [undefined, null],
  ])("zip5(%j) = %j", (input, out) => {
    expect(zip5(input)).toBe(out);
  });

  it("normalizeEmail trims, lower-cases and treats blank as missing", () => {
    expect(normalizeEmail("  Pat@Example.COM ")).toBe("pat@example.com");
    expect(normalizeEmail("   ")).toBeNull();
    expect(normalizeEmail(null)).toBeNull();
    expect(normalizeEmail(undefined)).toBeNull();
  });
});

describe("never throws", () => {
  const anyString = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }));

  it("normalisers accept any string", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(typeof normalizeLastName(s)).toBe("string");
        const z = zip5(s);
        expect(z === null || /^[0-9]{5}$/.test(z)).toBe(true);
        normalizeEmail(s);
      }),
    );
  });

  it("normalizeLastName is idempotent", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(normalizeLastName(normalizeLastName(s))).toBe(normalizeLastName(s));
      }),
    );
  });

  it("matchPatient accepts any strings and only matches with a real name and ZIP", () => {
    const rec = fc.record({
      id: fc.constantFrom("a", "b", "c"),
      email: fc.option(anyString),
      lastName: anyString,
      dateOfBirth: anyString,
      zip: fc.option(anyString),
    });
    const details = fc.record({ email: anyString, lastName: anyString, dateOfBirth: anyString, zip: anyString });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 5 }), details, (cands, t) => {
        const r = matchPatient(cands, t);
        if (r.outcome !== "no_match") {
          expect(normalizeLastName(t.lastName)).not.toBe("");
          expect(zip5(t.zip)).not.toBeNull();
        }
      }),
    );
  });

  it("matchPatient matches a record against its own details", () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.string(),
          email: fc.emailAddress(),
          lastName: fc.string({ unit: "grapheme", minLength: 1 }).filter((s) => normalizeLastName(s) !== ""),
          dateOfBirth: fc.constant("1980-01-31"),
          zip: fc.stringMatching(/^[0-9]{5}(-[0-9]{4})?$/),
        }),
        (p) => {
          expect(matchPatient([p], p)).toEqual({ outcome: "matched", patientId: p.id });
        },
      ),
    );
  });
});
