// Opens either database kind behind one drizzle interface, applies migrations, and seeds demo data if asked.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { withPreparedStatements } from "./prepared-statements";
import { installSafeDatabaseErrors } from "./safe-errors";
import { getLogger } from "@/logger";
import * as schema from "./schema";

export type OpenedDatabase = {
  db: PgDatabase<PgQueryResultHKT, typeof schema>;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
};

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");
// Any fixed number shared by every instance: only one of them runs migrations at a time.
const MIGRATION_LOCK = 727_274_001;

export async function openDatabase(opts: {
  url?: string;
  pgliteDir?: string; // "memory" for an in-memory database
  seedDemo?: boolean;
  poolSize?: number;
  log?: (line: string) => void;
}): Promise<OpenedDatabase> {
  const opened = opts.url
    ? await openPostgres(opts.url, opts.poolSize ?? 10)
    : await openPglite(opts.pgliteDir ?? ".data/pglite");
  if (opts.seedDemo) {
    const { seedDemoIfEmpty } = await import("./seed/demo");
    await seedDemoIfEmpty(opened.db, opts.log ?? ((l) => getLogger().info(l)));
  }
  return opened;
}

async function openPostgres(url: string, poolSize: number): Promise<OpenedDatabase> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");

  // Migrate over one dedicated connection holding a session advisory lock, so two instances starting
  // together do not both apply the same migration.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(migrator), { migrationsFolder });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await migrator.end({ timeout: 5 });
  }

  const client = postgres(url, {
    max: poolSize,
    onnotice: () => {},
    // Fail fast when the server is down instead of leaving requests hanging.
    connect_timeout: 5,
    idle_timeout: 60,
  });
  const db = installSafeDatabaseErrors(
    drizzle(withPreparedStatements(client), { schema }),
  ) as unknown as OpenedDatabase["db"];
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dir: string): Promise<OpenedDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");

  const inMemory = dir === "memory";
  const release = inMemory ? () => {} : takeFolderLock(dir);
  try {
    const client = inMemory ? new PGlite() : new PGlite(path.resolve(dir));
    await client.waitReady;
    const db = installSafeDatabaseErrors(drizzle(client, { schema }));
    await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as OpenedDatabase["db"],
      kind: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

// PGlite has no locking between processes: a second process on the same folder would silently lose writes.
function takeFolderLock(dir: string): () => void {
  const folder = path.resolve(dir);
  mkdirSync(folder, { recursive: true });
  const lockFile = `${folder}.lock`;
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dir} is already open in process ${pid}. Stop that process, ` +
          `or set PGLITE_DIR to another folder (or DATABASE_URL to use PostgreSQL).`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  const release = () => {
    try {
      if (readFileSync(lockFile, "utf8") === String(process.pid)) rmSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
