// CSV as spreadsheets export it, read by csv-parse: quoted fields holding commas, line breaks and doubled quotes,
// CRLF, LF or a lone CR as line ends, a leading byte-order mark (Excel writes one), rows of differing length (the
// reader names those), and no empty record for a final line break.
import { CsvError, type Options, parse } from "csv-parse/sync";

export type CsvParseResult = {
  rows: string[][];
  /** The first syntax error; `row` counts records from 1 (a quoted line break does not start a new one). */
  error?: { row: number; message: string };
};

const READ = { relax_column_count: true, record_delimiter: ["\r\n", "\n", "\r"] } satisfies Options;
// For one record at a time (so no byte-order mark to drop): strict about quotes, except that a stray quote inside
// an unquoted field (5'10") is kept as written, as spreadsheets do, so such a record is passed over, not failed.
const STRICT: Options = {
  ...READ,
  skip_records_with_error: true,
  on_skip: (error) => {
    if (error?.code !== "INVALID_OPENING_QUOTE") throw error;
  },
};
const QUOTE_PROBLEMS: Partial<Record<CsvError["code"], string>> = {
  CSV_INVALID_CLOSING_QUOTE: "text follows a closing quote: quote the whole field and double any quote inside it",
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
};

class BrokenRecord extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseCsv(text: string): CsvParseResult {
  try {
    const rows = parse(text, {
      ...READ,
      bom: true,
      relax_quotes: true,
      raw: true,
      // The relaxed reading would take `"x"y` as the text `"x"y`: each record is read strictly once more.
      on_record: (output, { records }) => {
        // With `raw` csv-parse hands over the record with its text; the typings do not follow that option.
        const { record, raw } = output as unknown as { record: string[]; raw: string };
        // (A field so read starts with the quote it opened with, so only such records need the second look.)
        const problem = record.some((field) => field.startsWith('"')) ? quoteProblem(raw) : undefined;
        if (problem) throw new BrokenRecord(records, problem);
        return record;
      },
    });
    return { rows };
  } catch (error) {
    if (error instanceof BrokenRecord) return { rows: [], error: { row: error.row, message: error.message } };
    // The last record never ends: csv-parse counts the records before it, and hands over its text so the first
    // problem in it is the one named.
    if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED") {
      const message = quoteProblem(String(error.raw)) ?? QUOTE_PROBLEMS.CSV_QUOTE_NOT_CLOSED ?? error.message;
      return { rows: [], error: { row: Number(error.records) + 1, message } };
    }
    throw error;
  }
}

function quoteProblem(record: string): string | undefined {
  try {
    parse(record, STRICT);
    return undefined;
  } catch (error) {
    const problem = error instanceof CsvError ? QUOTE_PROBLEMS[error.code] : undefined;
    if (!problem) throw error;
    return problem;
  }
}
