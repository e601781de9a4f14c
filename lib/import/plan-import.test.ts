import { describe, expect, it } from "vitest";
import { csvToRecords } from "./csv-to-records";
import { fhirToRecords } from "./fhir-to-records";
import { planImport } from "./plan-import";
import type { ExistingPatient } from "./types";

const HEADER = "chart_number,first_name,last_name,date_of_birth,email,zip,chart_status,portal_access";
const csv = (...rows: string[]) => csvToRecords([HEADER, ...rows].join("\n"));

const onFile = (o: Partial<ExistingPatient> = {}): ExistingPatient => ({
  id: "id-1",
  version: 3,
  chartNumber: "A1",
  firstName: "Ann",
  lastName: "Lee",
  dateOfBirth: "1990-01-02",
  email: "ann@example.com",
  zip: "62701",
  phone: "(555) 010-2000",
  addressLine1: "1 Oak St",
  addressLine2: null,
  city: "Springfield",
  state: "IL",
  chartStatus: "active",
  portalAccessEnabled: true,
  preferredLanguage: "en",
  ...o,
});

describe("planImport", () => {
  it("adds new chart numbers with the schema's normalised values and defaults", () => {
    const plan = planImport(csv("B2, Bo ,Park,03/04/1985,Bo@Example.COM,62702-1234,,"), []);
    expect(plan.problems).toEqual([]);
    expect(plan.adds).toEqual([
      {
        row: 2,
        record: {
          chartNumber: "B2",
          firstName: "Bo",
          lastName: "Park",
          dateOfBirth: "1985-03-04",
          email: "bo@example.com",
          zip: "62702-1234",
          phone: null,
          addressLine1: null,
          addressLine2: null,
          city: null,
          state: null,
          chartStatus: "active",
          portalAccessEnabled: false,
          preferredLanguage: "en",
        },
      },
    ]);
  });

  it("counts an identical row as unchanged, and ignores columns the file leaves out", () => {
    const plan = planImport(csv("A1,Ann,Lee,01/02/1990,ANN@example.com,62701,active,yes"), [onFile()]);
    expect(plan).toMatchObject({ adds: [], updates: [], unchanged: [{ row: 2, id: "id-1" }], problems: [] });
  });

  it("updates only the fields that differ, against the version it read", () => {
    const plan = planImport(csv("A1,Ann,Lee-Smith,1990-01-02,,62701,,no"), [onFile({ chartStatus: "deceased" })]);
    expect(plan.updates).toEqual([
      {
        row: 2,
        id: "id-1",
        chartNumber: "A1",
        version: 3,
        changes: { lastName: "Lee-Smith", email: null, portalAccessEnabled: false },
      },
    ]);
  });

  it("keeps portal access on a FHIR update, and the status when FHIR does not state it", () => {
    const resource = {
      resourceType: "Patient",
      identifier: [{ value: "A1" }],
      name: [{ given: ["Ann"], family: "Lee" }],
      birthDate: "1990-01-02",
    };
    const parsed = fhirToRecords(JSON.stringify(resource), "bundle");
    const plan = planImport(parsed, [onFile({ chartStatus: "inactive" })]);
    // FHIR states the whole contact picture, so what it lacks is cleared; portal access and status are kept.
    expect(plan.updates[0].changes).toEqual({
      email: null,
      zip: null,
      phone: null,
      addressLine1: null,
      city: null,
      state: null,
    });
  });

  it("reports every later row that repeats a chart number, in any letter case", () => {
    const plan = planImport(
      csv(
        "A1,Ann,Lee,1990-01-02,,,,",
        "B2,Bo,Park,1985-03-04,,,,",
        "a1,Al,Lee,1990-01-02,,,,",
        "A1,Ann,Lee,1990-01-02,,,,",
      ),
      [],
    );
    expect(plan.problems).toEqual([
      { row: 4, field: "chart_number", message: "chart number a1 is also on row 2" },
      { row: 5, field: "chart_number", message: "chart number A1 is also on row 2" },
    ]);
    expect(plan).toMatchObject({ rowsWithProblems: 2, adds: [{ row: 2 }, { row: 3 }] });
  });

  it("reports a chart number spelled differently from the one on file instead of adding a second patient", () => {
    const plan = planImport(csv("a1,Ann,Lee,1990-01-02,,,,"), [onFile()]);
    expect(plan.problems).toEqual([
      { row: 2, field: "chart_number", message: "chart number a1 is on file as A1: write it the same way" },
    ]);
    expect(plan.adds).toEqual([]);
  });

  it("reports each problem with the file's own field name, in column order", () => {
    const plan = planImport(csv("A 1,,Lee,02/30/1990,nope,123,alive,maybe"), []);
    expect(plan.problems).toEqual([
      { row: 2, field: "chart_number", message: "Chart number can only use letters, digits and . _ -" },
      { row: 2, field: "first_name", message: "Enter the first name" },
      { row: 2, field: "date_of_birth", message: "Enter the date of birth as MM/DD/YYYY, like 03/27/1980" },
      { row: 2, field: "email", message: "Enter the email address in the right form, like name@example.com" },
      { row: 2, field: "zip", message: "Enter a 5-digit ZIP code, like 62701, or ZIP+4, like 62701-1234" },
      { row: 2, field: "chart_status", message: "Chart status must be active, inactive or deceased" },
      { row: 2, field: "portal_access", message: "Portal access must be yes, no, true, false, 1, 0 or blank" },
    ]);
    expect(plan.rowsWithProblems).toBe(1);
  });

  it("uses FHIR element names in problems, and does not repeat the reader's own message", () => {
    const resource = {
      resourceType: "Patient",
      identifier: [{ value: "A1" }],
      name: [{ given: ["Ann"] }],
      birthDate: "1990",
    };
    const plan = planImport(fhirToRecords(JSON.stringify(resource), "bundle"), []);
    expect(plan.problems).toEqual([
      { row: 1, field: "name.family", message: "Enter the last name" },
      { row: 1, field: "birthDate", message: "1990 is only part of a date: a full YYYY-MM-DD birth date is needed" },
    ]);
  });

  it("reports an unreadable NDJSON line once, without the schema's field messages", () => {
    const plan = planImport(fhirToRecords("{oops\n", "ndjson"), []);
    expect(plan.problems).toEqual([{ row: 1, message: expect.stringMatching(/^is not valid JSON/) }]);
    expect(plan.rowsWithProblems).toBe(1);
  });
});
