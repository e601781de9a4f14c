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
  if (!holder.promise) {
    if (process.env.NEXT_PHASE === "phase-production-build") {
      throw new Error("The database was opened during `next build`: the page needs `await connection()`.");
    }
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

/**
 * postgres.js 3.4.9 throws `TypeError: Cannot read properties of null (reading 'write')` from a timer when a
 * connection dies inside a transaction (its own ROLLBACK is written to the closed socket; porsager/postgres#1154,
 * #1208, open). No caller can catch it, and it leaves that connection unable to write again.
 */
export function isDriverNullSocketCrash(e: unknown): boolean {
  return e instanceof TypeError && e.message === "Cannot read properties of null (reading 'write')";
}

/** Drops this process's connection pool (a poisoned one included); the next `getDb()` opens a fresh one. */
export async function discardDb() {
  const opened = holder.promise;
  holder.promise = undefined;
  if (opened) await (await opened.catch(() => undefined))?.close().catch(() => undefined);
}

/**
 * Keeps the process alive through that driver crash: logs it (a fixed text, nothing from the query) and swaps
 * the pool. Any other uncaught error goes to `otherwise` (the standalone worker exits; Next logs its own).
 */
export function surviveDriverCrash(opts: { log: (line: string) => void; otherwise?: (e: unknown) => void }) {
  const key = "__patientPortalDriverCrashGuard";
  const g = globalThis as Record<string, unknown>;
  if (g[key]) return;
  g[key] = true;
  process.on("uncaughtException", (e) => {
    if (isDriverNullSocketCrash(e)) {
      opts.log("database connection lost inside a transaction (postgres.js null socket): reopening the pool");
      void discardDb();
    } else opts.otherwise?.(e);
  });
}
