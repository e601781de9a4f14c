// RFC 4180 CSV, written here rather than pulled in as a dependency: quoted fields, doubled quotes, CRLF or LF
// line ends, a leading byte-order mark (Excel writes one), and no empty record for a final line break.

export type CsvParseResult = {
  rows: string[][];
  /** The first syntax error; `row` counts records from 1 (a quoted line break does not start a new one). */
  error?: { row: number; message: string };
};

export function parseCsv(text: string): CsvParseResult {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  // A record that is only `""` has an empty field but is still a record; this tells it from "nothing yet".
  let started = false;
  const fail = (message: string): CsvParseResult => ({ rows, error: { row: rows.length + 1, message } });

  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c !== '"') {
        field += c;
      } else if (s[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        const next = s[i + 1];
        if (next !== undefined && next !== "," && next !== "\r" && next !== "\n") {
          return fail("text follows a closing quote: quote the whole field and double any quote inside it");
        }
      }
      continue;
    }
    started = true;
    if (c === '"' && field === "") {
      quoted = true;
    } else if (c === ",") {
      endField();
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
      started = false;
    } else {
      field += c; // a stray quote inside an unquoted field (5'10") is kept as written, as spreadsheets do
    }
  }
  if (quoted) return fail("a quoted field is never closed");
  if (started) {
    endField();
    rows.push(row);
  }
  return { rows };
}
