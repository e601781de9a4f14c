// postgres.js returns an array of rows from execute(), PGlite an object with `rows`: callers get plain arrays.
import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

export async function queryRows<T>(db: Pick<Db, "execute">, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** The rows of either driver's result. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Timestamps arrive as Date from one driver and as text from the other. */
export function toDate(value: unknown): Date | null {
  if (value == null) return null;
  if (value instanceof Date) return value;
  const d = new Date(
    String(value)
      .replace(" ", "T")
      .replace(/([+-]\d\d)$/, "$1:00"),
  );
  if (Number.isNaN(d.getTime())) throw new Error("Unreadable timestamp from the database");
  return d;
}
