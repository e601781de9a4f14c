// Hands a whole list to one statement as a single JSON parameter: one plan whatever the count, and no brush
// with the 65,535-parameter limit of the protocol. Used by the set-based (bulk) paths.
import { sql, type SQL } from "drizzle-orm";

/**
 * `array(select …)`: the strings (cast to `uuid` if asked) as one array, for `column = any(${jsonArray(list)})`.
 * An array, not a join: the planner then looks each value up in the column's index even when the table's
 * statistics are stale (a table that grew by thousands of rows in this very run looks empty to it, and a join
 * against it turns into a nested loop over every row).
 */
export function jsonArray(values: readonly string[], cast?: "uuid"): SQL {
  return sql`array(select value${sql.raw(cast ? `::${cast}` : "")} from json_array_elements_text(${JSON.stringify(values)}::json))`;
}

/**
 * `insert into <table> (<columns>) select … from json_to_recordset($1)`: many rows in one statement with one
 * parameter. Building a multi-row insert with the query builder costs about a millisecond of CPU per row at a
 * thousand rows; this costs next to nothing. `columns` is the record definition, e.g. "event text, details jsonb";
 * each row object has those keys (dates as ISO strings).
 */
export async function insertJsonRows(
  db: { execute: (query: SQL) => Promise<unknown> },
  table: string,
  columns: string,
  rows: readonly object[],
) {
  if (!rows.length) return;
  const names = columns.split(",").map((c) => c.trim().split(/\s+/)[0]);
  await db.execute(
    sql`insert into ${sql.raw(table)} (${sql.raw(names.join(", "))})
        select ${sql.raw(names.join(", "))} from json_to_recordset(${JSON.stringify(rows)}::json) as r(${sql.raw(columns)})`,
  );
}
