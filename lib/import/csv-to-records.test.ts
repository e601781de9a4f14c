import { describe, expect, it } from "vitest";
import { csvToRecords } from "./csv-to-records";

const HEADER = "chart_number,first_name,last_name,date_of_birth";

describe("csvToRecords", () => {
  it("reads header names case-insensitively and numbers data rows from 2", () => {
    const parsed = csvToRecords(
      " Chart_Number ,FIRST_NAME,last_name,Date_Of_Birth,Email\r\nA1,Ann,Lee,01/02/1990,ann@example.com\r\n",
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.records).toEqual([
      {
        row: 2,
        problems: [],
        input: {
          chartNumber: "A1",
          firstName: "Ann",
          lastName: "Lee",
          dateOfBirth: "01/02/1990",
          email: "ann@example.com",
        },
      },
    ]);
  });

  it("reports unknown, repeated and missing columns, and then checks no rows", () => {
    const parsed = csvToRecords("chart_number,first_name,emial,first_name\nA1,Ann,x,y\nA2,Bo,x,y\n");
    expect(parsed.problems).toEqual([
      { row: 1, field: "emial", message: expect.stringContaining("unknown column") },
      { row: 1, field: "first_name", message: "this column appears twice in the header" },
      { row: 1, field: "last_name", message: "required column is missing from the header" },
      { row: 1, field: "date_of_birth", message: "required column is missing from the header" },
    ]);
    expect(parsed.records).toEqual([]);
    expect(parsed.uncheckedRows).toBe(2);
  });

  it("reports an empty file", () => {
    expect(csvToRecords("").problems).toEqual([{ message: expect.stringContaining("the file is empty") }]);
  });

  it("maps portal access words, and reports any other word", () => {
    const rows = ["yes", "TRUE", "1", "no", "False", "0", "", "maybe"].map((v, i) => `A${i},Ann,Lee,1990-01-02,${v}`);
    const parsed = csvToRecords([`${HEADER},portal_access`, ...rows].join("\n"));
    expect(parsed.records.map((r) => r.input.portalAccessEnabled)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      undefined,
    ]);
    expect(parsed.records[7].problems).toEqual([
      { row: 9, field: "portal_access", message: expect.stringContaining("Portal access must be") },
    ]);
  });

  it("treats a blank chart status as not stated, and lower-cases a given one", () => {
    const parsed = csvToRecords(`${HEADER},chart_status\nA1,Ann,Lee,1990-01-02,\nA2,Bo,Lee,1990-01-02,Deceased\n`);
    expect("chartStatus" in parsed.records[0].input).toBe(false);
    expect(parsed.records[1].input.chartStatus).toBe("deceased");
  });

  it("skips rows of empty cells but keeps counting lines for the row numbers", () => {
    const parsed = csvToRecords(`${HEADER}\nA1,Ann,Lee,1990-01-02\n,,,\n\nA2,Bo,Lee,1990-01-02\n`);
    expect(parsed.records.map((r) => r.row)).toEqual([2, 5]);
  });

  it("reports a row with the wrong number of fields, but tolerates trailing empty ones", () => {
    const parsed = csvToRecords(
      `${HEADER},city\nA1,Ann,Lee,1990-01-02,Springfield, IL\nA2,Bo,Lee\nA3,Cy,Lee,1990-01-02,Ames,,\n`,
    );
    expect(parsed.records.map((r) => r.problems.map((p) => p.message))).toEqual([
      ["has 6 fields but the header has 5 (a value containing a comma needs double quotes around it)"],
      ["has 3 fields but the header has 5 (a value containing a comma needs double quotes around it)"],
      [],
    ]);
  });

  it("reports a CSV syntax error as a file problem on its row", () => {
    const parsed = csvToRecords(`${HEADER}\nA1,"Ann,Lee,1990-01-02\n`);
    expect(parsed.problems).toEqual([{ row: 2, message: "a quoted field is never closed" }]);
    expect(parsed.records).toEqual([]);
  });
});
