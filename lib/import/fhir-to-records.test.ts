import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fhirToRecords } from "./fhir-to-records";
import { parseImportFile } from "./parse-import-file";

const patient = (extra: Record<string, unknown> = {}) => ({
  resourceType: "Patient",
  identifier: [{ value: "P-1" }],
  name: [{ given: ["Ann"], family: "Lee" }],
  birthDate: "1990-01-02",
  ...extra,
});
const bundle = (...resources: unknown[]) =>
  JSON.stringify({ resourceType: "Bundle", entry: resources.map((resource) => ({ resource })) });
const one = (extra: Record<string, unknown>) => fhirToRecords(bundle(patient(extra)), "bundle").records[0];

describe("fhirToRecords", () => {
  it("maps the example bundle, numbering entries from 1 and noting the non-Patient one", () => {
    const parsed = fhirToRecords(readFileSync("db/examples/patients.fhir.json", "utf8"), "bundle");
    expect(parsed.problems).toEqual([]);
    expect(parsed.records.map((r) => r.row)).toEqual([1, 2, 3, 5, 6]);
    expect(parsed.notes).toEqual([
      "row 4: skipped: Organization is not a Patient resource (only Patient resources are imported)",
    ]);
    expect(parsed.records[0].input).toEqual({
      chartNumber: "MRN-40001",
      firstName: "Beatrix",
      lastName: "Lindqvist",
      dateOfBirth: "1972-06-18",
      email: "Beatrix.Lindqvist@example.com",
      phone: "(555) 010-5102",
      addressLine1: "2201 Maple Ridge Rd",
      addressLine2: "Suite 4",
      city: "Springfield",
      state: "IL",
      zip: "62704-3310",
      chartStatus: "active",
    });
  });

  it("prefers the official name, else the first current one", () => {
    expect(
      one({
        name: [
          { use: "usual", given: ["Bea"], family: "L" },
          { use: "official", given: ["Beatrix", "Anne"], family: "Lindqvist" },
        ],
      }).input,
    ).toMatchObject({ firstName: "Beatrix", lastName: "Lindqvist" });
    expect(
      one({
        name: [
          { use: "old", given: ["Old"], family: "Name" },
          { given: ["New"], family: "Name" },
        ],
      }).input,
    ).toMatchObject({ firstName: "New" });
  });

  it("takes the MR identifier as the chart number, else the first identifier", () => {
    const ssn = { type: { coding: [{ code: "SS" }] }, value: "999-00-1234" };
    expect(
      one({ identifier: [ssn, { type: { coding: [{ system: "x", code: "MR" }] }, value: "MRN-9" }] }).input.chartNumber,
    ).toBe("MRN-9");
    expect(one({ identifier: [{ value: "FIRST" }, { value: "SECOND" }] }).input.chartNumber).toBe("FIRST");
    expect(one({ identifier: undefined }).input.chartNumber).toBe("");
  });

  it("picks email and phone by rank, then use, never an old or ended one", () => {
    const telecom = [
      { system: "email", value: "old@example.com", use: "old" },
      { system: "email", value: "work@example.com", use: "work" },
      { system: "email", value: "home@example.com", use: "home" },
      { system: "phone", value: "555-0100", use: "home" },
      { system: "phone", value: "555-0101", use: "mobile", period: { end: "2001-01-01" } },
      { system: "phone", value: "555-0102", use: "mobile" },
    ];
    expect(one({ telecom }).input).toMatchObject({ email: "home@example.com", phone: "555-0102" });
    expect(
      one({ telecom: [...telecom, { system: "email", value: "ranked@example.com", use: "work", rank: 1 }] }).input
        .email,
    ).toBe("ranked@example.com");
    expect(one({ telecom: undefined }).input).toMatchObject({ email: "", phone: "" });
  });

  it("maps the first address, spelling out a state name as its code", () => {
    const address = [
      { line: ["1 Oak St", "Apt 2"], city: "Ames", state: "Iowa", postalCode: "50010" },
      { city: "Elsewhere" },
    ];
    expect(one({ address }).input).toMatchObject({
      addressLine1: "1 Oak St",
      addressLine2: "Apt 2",
      city: "Ames",
      state: "IA",
      zip: "50010",
    });
  });

  it("derives the chart status: deceased wins, active false is inactive, silence is not stated", () => {
    expect(one({ deceasedBoolean: true, active: true }).input.chartStatus).toBe("deceased");
    expect(one({ deceasedDateTime: "2020-01-01" }).input.chartStatus).toBe("deceased");
    expect(one({ active: false }).input.chartStatus).toBe("inactive");
    expect(one({ active: true }).input.chartStatus).toBe("active");
    expect("chartStatus" in one({}).input).toBe(false);
    expect("portalAccessEnabled" in one({}).input).toBe(false);
  });

  it("explains a partial birth date in FHIR's terms", () => {
    expect(one({ birthDate: "1990-05" }).problems).toEqual([
      { row: 1, field: "birthDate", message: "1990-05 is only part of a date: a full YYYY-MM-DD birth date is needed" },
    ]);
  });

  it("reads NDJSON by line number, reporting a line that is not JSON", () => {
    const text = `${JSON.stringify(patient())}\n\nnot json\n${JSON.stringify({ resourceType: "Observation" })}\n`;
    const parsed = fhirToRecords(text, "ndjson");
    expect(parsed.records.map((r) => [r.row, r.unreadable ?? false])).toEqual([
      [1, false],
      [3, true],
    ]);
    expect(parsed.records[1].problems[0].message).toMatch(/^is not valid JSON/);
    expect(parsed.notes).toEqual([expect.stringMatching(/^row 4: skipped: Observation/)]);
  });

  it("reports a file that is not JSON, or not a Bundle", () => {
    expect(fhirToRecords("{", "bundle").problems[0].message).toMatch(/^the file is not valid JSON/);
    expect(fhirToRecords('{"resourceType":"Observation"}', "bundle").problems).toEqual([
      { message: "expected a FHIR Bundle of Patient resources, found Observation" },
    ]);
    expect(fhirToRecords(JSON.stringify(patient()), "bundle").records).toHaveLength(1);
  });
});

describe("parseImportFile", () => {
  it("chooses the reader by extension, then by content", () => {
    const ndjson = `${JSON.stringify(patient())}\n${JSON.stringify(patient({ identifier: [{ value: "P-2" }] }))}\n`;
    expect(parseImportFile("x.csv", "chart_number\n").source).toBe("csv");
    expect(parseImportFile("x.ndjson", ndjson).records).toHaveLength(2);
    expect(parseImportFile("export.json", ndjson).records).toHaveLength(2);
    expect(parseImportFile("x.json", JSON.stringify(JSON.parse(bundle(patient())), null, 2)).records).toHaveLength(1);
    expect(parseImportFile("x.json", bundle(patient())).records).toHaveLength(1);
    expect(
      parseImportFile("patients.txt", "\uFEFFchart_number,first_name,last_name,date_of_birth\nA,B,C,1990-01-01\n")
        .source,
    ).toBe("csv");
  });
});
