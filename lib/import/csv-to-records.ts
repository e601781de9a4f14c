// A CSV export from another system, with its header row, turned into unchecked patient records.
import { parseCsv } from "./parse-csv";
import type { ImportProblem, ParsedImport, RawRecord, RecordField } from "./types";

// The documented columns (db/examples/README.md), in the order the report lists them.
const COLUMNS: Record<string, RecordField> = {
  chart_number: "chartNumber",
  first_name: "firstName",
  last_name: "lastName",
  date_of_birth: "dateOfBirth",
  email: "email",
  zip: "zip",
  phone: "phone",
  address_line1: "addressLine1",
  address_line2: "addressLine2",
  city: "city",
  state: "state",
  chart_status: "chartStatus",
  portal_access: "portalAccessEnabled",
  preferred_language: "preferredLanguage",
};
const REQUIRED = ["chart_number", "first_name", "last_name", "date_of_birth"];
const YES = new Set(["yes", "true", "1"]);
const NO = new Set(["no", "false", "0", ""]);

const FIELD_NAMES = Object.fromEntries(Object.entries(COLUMNS).map(([column, field]) => [field, column])) as Record<
  RecordField,
  string
>;

export function csvToRecords(text: string): ParsedImport {
  const parsed = parseCsv(text);
  const problems: ImportProblem[] = [];
  const result = (records: RawRecord[], uncheckedRows = 0): ParsedImport => ({
    source: "csv",
    records,
    problems,
    notes: [],
    fieldNames: FIELD_NAMES,
    uncheckedRows,
  });
  const [header, ...body] = parsed.rows;
  // Spreadsheets leave rows of empty cells behind; they are nobody's data.
  const data = body
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ""));

  if (parsed.error) {
    // Past a syntax error any row count would be a guess.
    problems.push(parsed.error);
    return result([]);
  }
  if (!header || header.every((c) => c.trim() === "")) {
    problems.push({ message: "the file is empty: it needs a header row naming the columns, then one row per patient" });
    return result([], data.length);
  }

  const names = header.map((c) => c.trim().toLowerCase());
  names.forEach((name, i) => {
    if (!name) problems.push({ row: 1, message: `column ${i + 1} has no name in the header` });
    else if (!(name in COLUMNS))
      problems.push({
        row: 1,
        field: name,
        message: `unknown column (the columns are ${Object.keys(COLUMNS).join(", ")})`,
      });
    else if (names.indexOf(name) !== i)
      problems.push({ row: 1, field: name, message: "this column appears twice in the header" });
  });
  for (const name of REQUIRED) {
    if (!names.includes(name))
      problems.push({ row: 1, field: name, message: "required column is missing from the header" });
  }
  // A broken header would make every row look wrong in the same way: report the header alone.
  if (problems.length) return result([], data.length);

  return result(data.map(({ row, cells }) => toRecord(row, cells, names)));
}

function toRecord(row: number, cells: string[], names: string[]): RawRecord {
  const problems: ImportProblem[] = [];
  const extra = cells.slice(names.length);
  if (cells.length < names.length || extra.some((c) => c.trim() !== "")) {
    problems.push({
      row,
      message: `has ${cells.length} fields but the header has ${names.length} (a value containing a comma needs double quotes around it)`,
    });
  }
  const input: RawRecord["input"] = {};
  names.forEach((name, i) => {
    const value = cells[i] ?? "";
    const field = COLUMNS[name];
    if (field === "portalAccessEnabled") {
      const v = value.trim().toLowerCase();
      if (YES.has(v)) input[field] = true;
      else if (NO.has(v)) input[field] = false;
      else problems.push({ row, field: name, message: "Portal access must be yes, no, true, false, 1, 0 or blank" });
    } else if (field === "chartStatus") {
      // Blank means "not stated": active for a new patient, and an existing patient's status is kept.
      const v = value.trim().toLowerCase();
      if (v) input[field] = v;
    } else {
      input[field] = value;
    }
  });
  return { row, input, problems };
}
