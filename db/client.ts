// The one database client: postgres.js against DATABASE_URL, or embedded PGlite under .data/ when it is unset.
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { readDatabaseEnv } from "./env";
import type * as schema from "./schema";
import { openDatabase, type OpenedDatabase } from "./open";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle, as passed to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type Holder = { promise?: Promise<OpenedDatabase> };
// Survives module reloads in development so one process never opens the embedded database twice.
const holder: Holder = ((globalThis as Record<string, unknown>).__patientPortalDb ??= {}) as Holder;

export async function getDb(): Promise<Db> {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("The database was opened during `next build`: the page needs `await connection()`.");
  }
  if (!holder.promise) {
    holder.promise = openDatabase(readDatabaseEnv(process.env));
    // A failed start must not be cached forever: the next request tries again.
    holder.promise.catch(() => {
      holder.promise = undefined;
    });
  }
  return (await holder.promise).db;
}

export async function closeDb() {
  const opened = holder.promise;
  holder.promise = undefined;
  if (opened) await (await opened).close();
}
