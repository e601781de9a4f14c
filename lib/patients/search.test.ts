import { describe, expect, it } from "vitest";
import { parseDateInput, parsePatientSearch } from "./search";

describe("patient search box", () => {
  it.each([
    ["", { kind: "all" }],
    ["   ", { kind: "all" }],
    ["03/14/1962", { kind: "dob", date: "1962-03-14" }],
    ["3-4-1962", { kind: "dob", date: "1962-03-04" }],
    ["1962-03-14", { kind: "dob", date: "1962-03-14" }],
    ["Maria.Garcia@Example.com", { kind: "email", value: "maria.garcia@example.com" }],
    ["mrn-10001", { kind: "chart", value: "MRN-10001" }],
    ["10001", { kind: "chart", value: "10001" }],
    ["garcía", { kind: "name", either: "garcía" }],
    ["Nguyen, Linh", { kind: "name", last: "Nguyen", first: "Linh" }],
    ["Linh  Nguyen", { kind: "name", first: "Linh", last: "Nguyen" }],
    ["Van der Berg,", { kind: "name", last: "Van der Berg", first: undefined }],
  ])("%j", (input, expected) => {
    expect(parsePatientSearch(input)).toEqual(expected);
  });

  it("does not take an impossible date for a date", () => {
    expect(parseDateInput("02/30/1990")).toBeNull();
    expect(parseDateInput("13/01/1990")).toBeNull();
    expect(parseDateInput("02/29/2000")).toBe("2000-02-29");
    expect(parsePatientSearch("02/30/1990").kind).toBe("chart");
  });
});
