// Decides, without touching the database, what an import would do: every row is checked before anything is
// written, so a file is either wholly importable or reported back in full.
import { chartNumberField, patientRecordSchema, type PatientRecord } from "@/lib/validation/patient-record";
import type { ExistingPatient, ImportPlan, ImportProblem, ParsedImport, RecordField } from "./types";

// zod refuses a missing key even where it would accept a blank, so fields a file leaves out are checked as blank
// (they count as not stated when comparing: see changedFields).
const BLANK: Partial<Record<RecordField, string>> = {
  chartNumber: "",
  firstName: "",
  lastName: "",
  dateOfBirth: "",
  email: "",
  zip: "",
  phone: "",
  addressLine1: "",
  addressLine2: "",
  city: "",
  state: "",
  preferredLanguage: "",
};

export function planImport(parsed: ParsedImport, existing: ExistingPatient[]): ImportPlan {
  const plan: ImportPlan = {
    adds: [],
    updates: [],
    unchanged: [],
    problems: [...parsed.problems],
    rowsWithProblems: 0,
  };
  const fieldOrder: (string | undefined)[] = [undefined, ...Object.values(parsed.fieldNames)];
  const byChart = new Map(existing.map((p) => [p.chartNumber, p]));
  // The database tells "MRN-1" from "mrn-1"; people do not, so a near miss is a question, not a new patient.
  const byChartUpper = new Map(existing.map((p) => [p.chartNumber.toUpperCase(), p]));
  const firstRowOf = new Map<string, number>();

  for (const record of parsed.records) {
    const problems: ImportProblem[] = [...record.problems];
    const chart = chartNumberField.safeParse(record.input.chartNumber);
    if (chart.success) {
      const key = chart.data.toUpperCase();
      const first = firstRowOf.get(key);
      if (first === undefined) firstRowOf.set(key, record.row);
      else
        problems.push({
          row: record.row,
          field: parsed.fieldNames.chartNumber,
          message: `chart number ${chart.data} is also on row ${first}`,
        });
    }

    let value: PatientRecord | undefined;
    if (!record.unreadable) {
      const result = patientRecordSchema.safeParse({ ...BLANK, ...record.input });
      if (result.success) value = result.data;
      else {
        // The reader's own message for a field says it better than the schema's, so the schema's is dropped.
        const told = new Set(record.problems.map((p) => p.field));
        for (const issue of result.error.issues) {
          const field = parsed.fieldNames[issue.path[0] as RecordField];
          if (!told.has(field)) problems.push({ row: record.row, field, message: issue.message });
        }
      }
    }

    const match = value && (byChart.get(value.chartNumber) ?? byChartUpper.get(value.chartNumber.toUpperCase()));
    if (value && match && match.chartNumber !== value.chartNumber) {
      problems.push({
        row: record.row,
        field: parsed.fieldNames.chartNumber,
        message: `chart number ${value.chartNumber} is on file as ${match.chartNumber}: write it the same way`,
      });
    }

    if (problems.length || !value) {
      // In the file's own column order, whichever step found them.
      problems.sort((a, b) => fieldOrder.indexOf(a.field) - fieldOrder.indexOf(b.field));
      plan.problems.push(...problems);
      plan.rowsWithProblems++;
    } else if (!match) {
      plan.adds.push({ row: record.row, record: value });
    } else {
      const changes = changedFields(record.input, value, match);
      if (Object.keys(changes).length === 0) plan.unchanged.push({ row: record.row, id: match.id });
      else
        plan.updates.push({
          row: record.row,
          id: match.id,
          chartNumber: match.chartNumber,
          version: match.version,
          changes,
        });
    }
  }
  return plan;
}

// Only what the file states is compared: a column left out of a CSV, or portal access in FHIR, is kept.
function changedFields(
  input: ParsedImport["records"][number]["input"],
  value: PatientRecord,
  current: ExistingPatient,
): Partial<PatientRecord> {
  const changes: Record<string, unknown> = {};
  for (const field of Object.keys(input) as RecordField[]) {
    if (field !== "chartNumber" && value[field] !== current[field]) changes[field] = value[field];
  }
  return changes as Partial<PatientRecord>;
}
