// Fresh databases for integration tests: always an in-memory PGlite, and a new PostgreSQL database per
// test file whenever DATABASE_URL is set. Refuses anything but a local PostgreSQL server.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type OpenedDatabase } from "@/db/open";
import type { Db } from "@/db/client";

export type DbKind = "pglite" | "postgres";
export const DB_KINDS: DbKind[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export type TestDb = { db: Db; kind: DbKind; url?: string; close: () => Promise<void> };

function adminUrl(): string {
  const url = new URL(process.env.DATABASE_URL!);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(url.hostname)) {
    throw new Error(`Tests create and drop databases: refusing non-local DATABASE_URL host ${url.hostname}`);
  }
  return url.toString();
}

/** Creates an empty database on the local server and returns its URL and a function that drops it. */
export async function createScratchDatabase(prefix = "pp_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
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
