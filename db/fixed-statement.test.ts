// A fixed statement gives what the same `sql` template gives through db.execute, on both databases: each run binds
// its own values (one value written twice in the statement included), in and out of transactions, and a failure
// leaves as a DatabaseError without the values.
import { inspect } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { fixedStatement } from "./fixed-statement";
import { queryRows } from "./rows";
import { DatabaseError } from "./safe-errors";

const echo = fixedStatement<{ word: string; twice: number; at: string }, "word" | "n" | "at">(
  ["word", "n", "at"],
  (v) => sql`select ${v.word}::text as word, ${v.n}::int + ${v.n}::int as twice, ${v.at}::timestamptz::text as at`,
);
const insertNote = fixedStatement<{ id: number }, "body">(
  ["body"],
  (v) => sql`insert into fixed_notes (body) values (${v.body}) returning id`,
);

describe.each(DB_KINDS)("fixed statements on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
    await t.db.execute(sql`create table fixed_notes (id serial primary key, body text not null unique)`);
  });
  afterAll(() => t?.close());

  it("binds each run's own values, the same as the template run through db.execute", async () => {
    const at = "2031-03-04T05:06:07.000Z";
    const first = await echo(t.db, { word: "alpha", n: 2, at });
    const second = await echo(t.db, { word: "beta", n: 20, at });
    expect(first).toEqual([{ word: "alpha", twice: 4, at: expect.stringMatching(/^2031-03-04 05:06:07/) }]);
    expect(second[0]).toMatchObject({ word: "beta", twice: 40 });
    expect(await queryRows(t.db, sql`select ${"alpha"}::text as word, ${2}::int + ${2}::int as twice`)).toEqual([
      { word: first[0].word, twice: first[0].twice },
    ]);
  });

  it("runs inside a transaction, and rolls back with it", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        expect(await insertNote(tx, { body: "kept only in the transaction" })).toHaveLength(1);
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await queryRows(t.db, sql`select body from fixed_notes`)).toEqual([]);
  });

  it("a failed run names the table and the SQLSTATE, never the values", async () => {
    await insertNote(t.db, { body: "Philomena Leakwood" });
    const failure = await insertNote(t.db, { body: "Philomena Leakwood" }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DatabaseError);
    expect((failure as DatabaseError).code).toBe("23505");
    expect(inspect(failure, { depth: 10 })).not.toContain("Leakwood");
  });

  it("a missing value is refused before anything runs", async () => {
    await expect(insertNote(t.db, {} as { body: string })).rejects.toThrow(/body/);
    expect(await queryRows(t.db, sql`select count(*)::int as n from fixed_notes`)).toEqual([{ n: 1 }]);
  });
});
