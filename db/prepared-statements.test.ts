// drizzle's statements reach PostgreSQL as named (prepared) statements, in and out of transactions, so each is
// parsed once per connection; without the wrapper they are not (the contrast shows the check can fail).
// PostgreSQL only: PGlite runs in-process, with no protocol round trips to save.
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "@/test-kit/test-db";
import type { ScratchDatabase } from "@/test-kit/scratch-database.mjs";
import { queryRows } from "./rows";
import { withPreparedStatements } from "./prepared-statements";

const onPostgres = !!process.env.DATABASE_URL;

describe.runIf(onPostgres)("drizzle on postgres.js with prepared statements", () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(() => scratch?.drop());

  // One connection, so the session whose prepared statements are listed is the one that ran the statement.
  async function namedAfter(wrap: boolean, run: (db: ReturnType<typeof drizzle>) => Promise<unknown>) {
    const client = postgres(scratch.url, { max: 1, onnotice: () => {} });
    try {
      const db = drizzle(wrap ? withPreparedStatements(client) : client);
      await run(db);
      const rows = await queryRows<{ statement: string }>(
        db,
        sql`select statement from pg_prepared_statements where statement like '%marker_' || ${"x"} || '%'`,
      );
      return rows.map((r) => r.statement);
    } finally {
      await client.end({ timeout: 5 });
    }
  }

  const marked = (n: number) => sql`select ${n}::int + 1 as marker_x`;

  it("a statement with parameters is prepared once and reused", async () => {
    const named = await namedAfter(true, async (db) => {
      expect(await queryRows(db, marked(1))).toEqual([{ marker_x: 2 }]);
      expect(await queryRows(db, marked(41))).toEqual([{ marker_x: 42 }]);
    });
    expect(named.filter((s) => s.includes("as marker_x"))).toHaveLength(1);
  });

  it("inside a transaction and a savepoint too, and a rolled-back transaction still rolls back", async () => {
    const named = await namedAfter(true, async (db) => {
      await db.transaction(async (tx) => {
        await tx.execute(sql`select ${"a"}::text as marker_x_tx`);
        await tx.transaction(async (inner) => {
          await inner.execute(sql`select ${"b"}::text as marker_x_savepoint`);
        });
      });
      await db.execute(sql`create table if not exists kept (v int)`);
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(sql`insert into kept (v) values (${7})`);
          throw new Error("undo");
        }),
      ).rejects.toThrow("undo");
      expect(await queryRows(db, sql`select count(*)::int as n from kept where v = ${7}`)).toEqual([{ n: 0 }]);
    });
    expect(named.some((s) => s.includes("marker_x_tx"))).toBe(true);
    expect(named.some((s) => s.includes("marker_x_savepoint"))).toBe(true);
  });

  it("without it, drizzle's statements are not prepared", async () => {
    const named = await namedAfter(false, async (db) => {
      await queryRows(db, marked(1));
    });
    expect(named.filter((s) => s.includes("as marker_x"))).toHaveLength(0);
  });
});
