// Picks the reader for a file: the extension when it is decisive, otherwise what the content looks like.
import { csvToRecords } from "./csv-to-records";
import { fhirToRecords } from "./fhir-to-records";
import type { ParsedImport } from "./types";

export function parseImportFile(fileName: string, text: string): ParsedImport {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "csv") return csvToRecords(text);
  if (ext === "ndjson" || ext === "jsonl") return fhirToRecords(text, "ndjson");
  const body = text.replace(/^\uFEFF/, "").trimStart();
  if (!body.startsWith("{") && !body.startsWith("[")) return csvToRecords(text);
  // Exports name NDJSON files .json too: several lines that each parse alone are NDJSON; a pretty-printed
  // or one-line Bundle is not.
  const lines = body.split(/\r?\n/).filter((l) => l.trim());
  return lines.length > 1 && parsesAlone(lines[0]) ? fhirToRecords(text, "ndjson") : fhirToRecords(text, "bundle");
}

function parsesAlone(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
