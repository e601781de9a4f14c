// Opening a database: migrations at start, safe when two processes start together, one process per PGlite folder.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { migrationsFolder, openDatabase } from "./open";
import { queryRows } from "./rows";
import { DB_KINDS, createScratchDatabase, openTestDb } from "@/test-kit/test-db";

describe.each(DB_KINDS)("opening the %s database", (kind) => {
  it("applies every migration, including the append-only audit trigger", async () => {
    const t = await openTestDb(kind);
    try {
      const tables = await queryRows<{ table_name: string }>(
        t.db,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      expect(tables.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          "patients",
          "portal_accounts",
          "account_tokens",
          "staff_users",
          "email_outbox",
          "audit_events",
          "verification_attempts",
          "rate_limit_counters",
        ]),
      );
      await t.db.execute(sql`insert into audit_events (actor_type, event) values ('system', 'test.event')`);
      await expect(t.db.execute(sql`update audit_events set event = 'changed'`)).rejects.toThrow();
      await expect(t.db.execute(sql`delete from audit_events`)).rejects.toThrow();
      const rows = await queryRows<{ event: string }>(t.db, sql`select event from audit_events`);
      expect(rows).toEqual([{ event: "test.event" }]);
    } finally {
      await t.close();
    }
  });

  it("seeds the demo practice once, and not again on the next start", async () => {
    const t = await openTestDb(kind, { seedDemo: true });
    try {
      const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from patients`);
      expect(n).toBeGreaterThanOrEqual(30);
      const { seedDemoIfEmpty } = await import("./seed/demo");
      await seedDemoIfEmpty(t.db, () => {});
      const [{ n: again }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from patients`);
      expect(again).toBe(n);
    } finally {
      await t.close();
    }
  });
});

describe.runIf(DB_KINDS.includes("postgres"))("two instances starting on one PostgreSQL database", () => {
  it("both start: migrations run once, under an advisory lock", async () => {
    const scratch = await createScratchDatabase();
    try {
      const [a, b, c] = await Promise.all([
        openDatabase({ url: scratch.url }),
        openDatabase({ url: scratch.url }),
        openDatabase({ url: scratch.url }),
      ]);
      const applied = await queryRows<{ n: number }>(
        a.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"));
      expect(applied[0].n).toBe(journal.entries.length);
      await Promise.all([a.close(), b.close(), c.close()]);
    } finally {
      await scratch.drop();
    }
  });
});

describe("the embedded database folder", () => {
  it("refuses to open in a second process while another process holds it", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "pp-lock-")), "pglite");
    // A live process that is not us stands in for the other server.
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      writeFileSync(`${dir}.lock`, String(other.pid));
      await expect(openDatabase({ pgliteDir: dir })).rejects.toThrow(/already open in process \d+/);
    } finally {
      other.kill();
    }
  });

  it("opens a folder whose lock was left by a process that has died", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "pp-lock-")), "pglite");
    writeFileSync(`${dir}.lock`, "999999");
    const opened = await openDatabase({ pgliteDir: dir });
    await opened.close();
  });
});
