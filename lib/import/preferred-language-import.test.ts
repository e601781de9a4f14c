// A patient's Preferred language from a chart import: the CSV column preferred_language (en/es or the language's
// name, any case; blank is English) and FHIR's preferred Patient.communication. Unknown words are a row problem.
import { describe, expect, it } from "vitest";
import { csvToRecords } from "./csv-to-records";
import { fhirToRecords } from "./fhir-to-records";
import { planImport } from "./plan-import";
import type { ExistingPatient } from "./types";

const HEADER = "chart_number,first_name,last_name,date_of_birth,preferred_language";
const csv = (...rows: string[]) => csvToRecords([HEADER, ...rows].join("\n"));

const onFile = (o: Partial<ExistingPatient> = {}): ExistingPatient => ({
  id: "id-1",
  version: 3,
  chartNumber: "A1",
  firstName: "Ann",
  lastName: "Lee",
  dateOfBirth: "1990-01-02",
  email: null,
  zip: null,
  phone: null,
  addressLine1: null,
  addressLine2: null,
  city: null,
  state: null,
  chartStatus: "active",
  portalAccessEnabled: false,
  preferredLanguage: "en",
  ...o,
});

const fhir = (communication?: unknown) =>
  fhirToRecords(
    JSON.stringify({
      resourceType: "Patient",
      identifier: [{ value: "A1" }],
      name: [{ given: ["Ann"], family: "Lee" }],
      birthDate: "1990-01-02",
      ...(communication === undefined ? {} : { communication }),
    }),
    "bundle",
  );

describe("preferred language in a CSV import", () => {
  it("accepts en/es and the languages' names in any case; blank is English", () => {
    const plan = planImport(
      csv(
        "B1,Bo,Park,1985-03-04,es",
        "B2,Cy,Park,1985-03-04,Spanish",
        "B3,Di,Park,1985-03-04,ESPAÑOL",
        "B4,Ed,Park,1985-03-04,english",
        "B5,Fa,Park,1985-03-04,EN",
        "B6,Gu,Park,1985-03-04,",
      ),
      [],
    );
    expect(plan.problems).toEqual([]);
    expect(plan.adds.map((a) => [a.record.chartNumber, a.record.preferredLanguage])).toEqual([
      ["B1", "es"],
      ["B2", "es"],
      ["B3", "es"],
      ["B4", "en"],
      ["B5", "en"],
      ["B6", "en"],
    ]);
  });

  it("reports any other value on its row, naming the column", () => {
    const plan = planImport(csv("B1,Bo,Park,1985-03-04,French", "B2,Cy,Park,1985-03-04,es"), []);
    expect(plan.problems).toEqual([
      { row: 2, field: "preferred_language", message: "Preferred language must be English or Spanish (en or es)" },
    ]);
    expect(plan.rowsWithProblems).toBe(1);
  });

  it("updates an existing patient's language, and keeps it when the file has no such column", () => {
    const plan = planImport(csv("A1,Ann,Lee,1990-01-02,Spanish"), [onFile()]);
    expect(plan.updates).toEqual([
      { row: 2, id: "id-1", chartNumber: "A1", version: 3, changes: { preferredLanguage: "es" } },
    ]);
    const without = planImport(csvToRecords("chart_number,first_name,last_name,date_of_birth\nA1,Ann,Lee,1990-01-02"), [
      onFile({ preferredLanguage: "es" }),
    ]);
    expect(without.unchanged).toEqual([{ row: 2, id: "id-1" }]);
  });
});

describe("preferred language in a FHIR import", () => {
  const es = { language: { coding: [{ system: "urn:ietf:bcp:47", code: "es-MX" }] }, preferred: true };
  const en = { language: { coding: [{ system: "urn:ietf:bcp:47", code: "en-US" }] }, preferred: true };

  it("takes the preferred communication's language: es-MX is Spanish, en-US English", () => {
    expect(fhir([es]).records[0].input.preferredLanguage).toBe("es");
    expect(fhir([en]).records[0].input.preferredLanguage).toBe("en");
    expect(fhir([{ language: { coding: [{ code: "es" }] }, preferred: true }]).records[0].input.preferredLanguage).toBe(
      "es",
    );
  });

  it("uses only the one marked preferred", () => {
    const notPreferred = { ...es, preferred: false };
    expect(fhir([notPreferred, en]).records[0].input.preferredLanguage).toBe("en");
    expect(fhir([notPreferred]).records[0].input).not.toHaveProperty("preferredLanguage");
  });

  it("keeps the patient's language when FHIR names none we write in, or none at all", () => {
    const fr = { language: { coding: [{ code: "fr-CA" }] }, preferred: true };
    for (const parsed of [fhir([fr]), fhir(undefined)]) {
      expect(parsed.records[0].input).not.toHaveProperty("preferredLanguage");
      const plan = planImport(parsed, [onFile({ preferredLanguage: "es" })]);
      expect(plan.unchanged).toEqual([{ row: 1, id: "id-1" }]);
    }
  });

  it("changes an on-file patient to Spanish and adds a new one in Spanish", () => {
    expect(planImport(fhir([es]), [onFile()]).updates[0].changes).toEqual({ preferredLanguage: "es" });
    expect(planImport(fhir([es]), []).adds[0].record.preferredLanguage).toBe("es");
  });
});
