// The e2e server's scratch PostgreSQL database, for checks no page can show (PGlite runs inside the server
// process, so on PGlite these helpers report "no database"). test-results/e2e-database.json is written by
// scripts/e2e-server.mjs at start-up and shared by every run in this folder: read it in a beforeAll, and confirm
// it is this run's database (`expectOwnDatabase`) before trusting it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { expect } from "@playwright/test";

export function e2eDatabaseUrl(configFile: string | undefined): string | null {
  if (!process.env.DATABASE_URL) return null;
  const file = path.join(
    path.dirname(configFile ?? path.join(process.cwd(), "x")),
    "test-results",
    "e2e-database.json",
  );
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, "utf8")) as { url: string }).url;
}

export async function withSql<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** Whether the database holds the patient this run just added through the app (so it is this run's). */
export async function isOwnDatabase(url: string, chartNumber: string): Promise<boolean> {
  try {
    const rows = await withSql(url, (sql) => sql`select id from patients where chart_number = ${chartNumber}`);
    return rows.length === 1;
  } catch {
    // Dropped already: another run's database that has ended.
    return false;
  }
}

// Tables whose rows change in the background (the email worker marks rows sent and wipes sealed links, and
// stamps its heartbeat after every pass): only their row counts are compared.
const COUNT_ONLY = new Set(["email_outbox", "worker_heartbeats"]);

/**
 * Every table in the public schema: its row count, and a digest of its whole content. Rate-limit counters are
 * compared from `countersSince` on: the worker's retention job deletes windows that ended long ago, at any
 * moment, and a check spanning a few seconds must not mistake that for a write (pass the same moment to both).
 */
export async function tableFingerprints(url: string, countersSince: Date): Promise<Record<string, string>> {
  return withSql(url, async (sql) => {
    const tables = await sql<
      { tablename: string }[]
    >`select tablename from pg_tables where schemaname = 'public' order by tablename`;
    const out: Record<string, string> = {};
    for (const { tablename } of tables) {
      const ident = sql(tablename);
      const [row] =
        tablename === "rate_limit_counters"
          ? await sql<{ n: number; h: string }[]>`select count(*)::int as n,
                md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h
              from rate_limit_counters t where window_start >= ${countersSince}`
          : COUNT_ONLY.has(tablename)
            ? await sql<{ n: number; h: string }[]>`select count(*)::int as n, '' as h from ${ident}`
            : await sql<
                { n: number; h: string }[]
              >`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${ident} t`;
      out[tablename] = `${row.n} rows ${row.h}`.trim();
    }
    return out;
  });
}

/** Waits until the worker has no email to send and no verification request to match (so the background stops writing). */
export async function waitForIdleWorker(url: string, timeoutMs = 20_000) {
  await expect
    .poll(
      () =>
        withSql(url, async (sql) => {
          const [a] = await sql<
            { n: number }[]
          >`select count(*)::int as n from email_outbox where status in ('queued', 'sending')`;
          const [b] = await sql<
            { n: number }[]
          >`select count(*)::int as n from verification_attempts where processed_at is null`;
          return a.n + b.n;
        }),
      { timeout: timeoutMs, message: "the worker did not go idle" },
    )
    .toBe(0);
}
