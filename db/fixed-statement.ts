// A statement on a busy path whose text never changes, only its values. drizzle turns an `sql` template into text
// and parameters on every run, which for the verification request's statement cost more CPU than zod's check of
// the whole form (bench/RESULTS.md); a fixed statement is turned once, with named placeholders, and each run only
// binds its values. It runs through the same prepared-query path as `db.execute` (and so keeps its safe errors,
// db/safe-errors.ts), on either database.
import { type Placeholder, type Query, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client";
import { rowsOf } from "./rows";

/** One placeholder per value name, to write into the statement where the value goes (once or more). */
export type Slots<K extends string> = { readonly [P in K]: Placeholder<P> };

export type FixedStatement<T, K extends string> = (db: Pick<Db, "_">, values: Record<K, unknown>) => Promise<T[]>;

/** `build` writes the statement with `slots` where its values go; it runs once, on the first run. */
export function fixedStatement<T, K extends string>(
  names: readonly K[],
  build: (slots: Slots<K>) => SQL,
): FixedStatement<T, K> {
  let query: Query | undefined;
  return async (db, values) => {
    query ??= new PgDialect().sqlToQuery(
      build(Object.fromEntries(names.map((n) => [n, sql.placeholder(n)])) as unknown as Slots<K>),
    );
    const prepared = db._.session.prepareQuery(query, undefined, undefined, false);
    return rowsOf<T>(await prepared.execute(values));
  };
}
