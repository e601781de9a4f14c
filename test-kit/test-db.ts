// Fresh databases for integration tests: always an in-memory PGlite, and a new PostgreSQL database per
// test file whenever DATABASE_URL is set (test-kit/scratch-database.mjs: a local PostgreSQL server only).
import { openDatabase, type OpenedDatabase } from "@/db/open";
import type { Db } from "@/db/client";
import { createScratchDatabase as createOnServer, type ScratchDatabase } from "./scratch-database.mjs";

export type DbKind = "pglite" | "postgres";
export const DB_KINDS: DbKind[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export type TestDb = { db: Db; kind: DbKind; url?: string; close: () => Promise<void> };

/** Creates an empty database on the local server DATABASE_URL names; `drop()` removes it. */
export function createScratchDatabase(prefix = "pp_test"): Promise<ScratchDatabase> {
  return createOnServer(process.env.DATABASE_URL!, prefix);
}

export async function openTestDb(kind: DbKind, opts: { seedDemo?: boolean } = {}): Promise<TestDb> {
  const log = () => {};
  if (kind === "pglite") {
    const opened: OpenedDatabase = await openDatabase({ pgliteDir: "memory", seedDemo: opts.seedDemo, log });
    return { db: opened.db as Db, kind, close: opened.close };
  }
  const scratch = await createScratchDatabase();
  const opened = await openDatabase({ url: scratch.url, seedDemo: opts.seedDemo, log });
  return {
    db: opened.db as Db,
    kind,
    url: scratch.url,
    close: async () => {
      await opened.close();
      await scratch.drop();
    },
  };
}
