// The report an import prints: one line per problem, in the user's own row numbers, then what happened.
import type { ImportOutcome, ImportProblem, ParsedImport } from "./types";

export function formatImportReport(
  parsed: ParsedImport,
  outcome: ImportOutcome,
  opts: { dryRun?: boolean } = {},
): string[] {
  const { plan, written } = outcome;
  const lines = [...plan.problems.map(problemLine), ...parsed.notes];
  const rowsRead = parsed.records.length + parsed.uncheckedRows;
  const read = `${rowsRead} ${rowsRead === 1 ? "row" : "rows"} read`;
  if (parsed.problems.length > 0 && parsed.records.length === 0) {
    const why = "because of the problems with the file above";
    lines.push(parsed.uncheckedRows > 0 ? `${read}: none checked, ${why}` : `No rows were checked, ${why}`);
  } else {
    const [add, update] = written ? ["added", "updated"] : ["to add", "to update"];
    lines.push(
      `${read}: ${plan.adds.length} ${add}, ${plan.updates.length} ${update}, ${plan.unchanged.length} unchanged, ` +
        `${plan.rowsWithProblems} with problems`,
    );
  }
  if (plan.problems.length > 0) lines.push("Nothing was imported: fix the problems above and run the import again.");
  else if (opts.dryRun) lines.push("Dry run: nothing was changed.");
  return lines;
}

function problemLine(p: ImportProblem): string {
  if (p.row === undefined) return `file: ${p.message}`;
  return p.field ? `row ${p.row}, field ${p.field}: ${p.message}` : `row ${p.row}: ${p.message}`;
}
