// `npm run import -- FILE [--dry-run]`: imports patients from CSV or FHIR (see db/examples/README.md).
// Exit code 0 when the file imported (or would), 1 when any row has a problem or the import failed, 2 for usage.
import { readFileSync } from "node:fs";
import { getConfig } from "@/lib/config";
import { openDatabase } from "@/db/open";
import { applyImport } from "@/lib/import/apply-import";
import { formatImportReport } from "@/lib/import/format-import-report";
import { parseImportFile } from "@/lib/import/parse-import-file";

const USAGE = "usage: npm run import -- FILE [--dry-run]   (FILE: .csv, a FHIR Bundle .json, or FHIR .ndjson)";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dryRun = args.includes("--dry-run");
  const files = args.filter((a) => a !== "--dry-run");
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  if (files.length !== 1 || files[0].startsWith("-")) {
    console.error(USAGE);
    return 2;
  }

  let text: string;
  try {
    // Fatal decoding: a Latin-1 export would otherwise import names with replacement characters in them.
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(files[0]));
  } catch (error) {
    const reason =
      error instanceof TypeError ? 'it is not UTF-8 text (save it as "CSV UTF-8")' : (error as Error).message;
    console.error(`Cannot read ${files[0]}: ${reason}`);
    return 1;
  }
  const parsed = parseImportFile(files[0], text);

  const config = getConfig();
  const opened = await openDatabase({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    const outcome = await applyImport(opened.db, parsed, { dryRun });
    for (const line of formatImportReport(parsed, outcome, { dryRun })) console.log(line);
    return outcome.plan.problems.length > 0 ? 1 : 0;
  } finally {
    await opened.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // A failed query arrives as a DatabaseError naming only its table and SQLSTATE (docs/security.md L1).
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Import failed, nothing was imported: ${reason}`);
    process.exitCode = 1;
  },
);
