// The one helper that makes and drops scratch PostgreSQL databases for the tests, the e2e server and the bench.
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { assertLocalDatabase, createScratchDatabase } from "./scratch-database.mjs";

describe("scratch databases", () => {
  it("refuses a server on another machine before connecting to it", async () => {
    for (const url of ["postgres://postgres@db.example.org:5432/postgres", "postgres://postgres@10.0.0.5/postgres"]) {
      expect(() => assertLocalDatabase(url)).toThrow(/refusing the database host/);
      await expect(createScratchDatabase(url, "pp_guard")).rejects.toThrow(/refusing the database host/);
    }
    for (const url of ["postgres://p@localhost/x", "postgres://p@127.0.0.1:5432/x", "postgres://p@[::1]/x"]) {
      expect(() => assertLocalDatabase(url)).not.toThrow();
    }
  });

  it("takes only letters, digits, _ and . in a prefix, since the name goes into SQL", async () => {
    await expect(createScratchDatabase("postgres://p@127.0.0.1/x", 'pp"; drop database postgres; --')).rejects.toThrow(
      /prefix is lower-case letters/,
    );
  });

  it.runIf(process.env.DATABASE_URL)(
    "creates an empty database to use, and drop() removes it with a connection still open",
    async () => {
      const adminUrl = process.env.DATABASE_URL as string;
      const scratch = await createScratchDatabase(adminUrl, "pp_scratch_check");
      expect(scratch.name).toMatch(/^pp_scratch_check_[a-z0-9]+_[0-9a-f]{8}$/);
      expect(new URL(scratch.url).pathname).toBe(`/${scratch.name}`);

      const inside = postgres(scratch.url, { max: 1, onnotice: () => {} });
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        const [{ tables }] = await inside`select count(*)::int as tables from pg_tables where schemaname = 'public'`;
        expect(tables).toBe(0);
        await scratch.drop();
        await scratch.drop();
        expect(await admin`select 1 from pg_database where datname = ${scratch.name}`).toHaveLength(0);
      } finally {
        await inside.end({ timeout: 1 }).catch(() => {});
        await admin.end();
      }
    },
  );
});
