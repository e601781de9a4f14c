// A failed query on either database leaves the database module as a DatabaseError that names the table and the
// SQLSTATE and carries none of the query's parameters, however it is printed (docs/security.md L1).
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { patients } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertPatient } from "@/test-kit/factories";
import { createLogger } from "@/logger";
import { DatabaseError, tableOf } from "./safe-errors";

const PHI = {
  chartNumber: "LEAK-0042",
  firstName: "Philomena",
  lastName: "Leakwood",
  dateOfBirth: "1944-09-17",
  email: "philomena.leakwood@example.com",
  phone: "555-0142",
  addressLine1: "42 Quietly Lane",
  zip: "62702",
};
const secrets = Object.values(PHI);

/** Every way an error might be printed: Next and Node print `inspect`, loggers serialise, people read the stack. */
function printed(e: unknown): string {
  const lines: string[] = [String(e), inspect(e, { depth: 10 }), JSON.stringify(e) ?? ""];
  if (e instanceof Error) lines.push(e.stack ?? "", e.message);
  const out: string[] = [];
  createLogger({ destination: { write: (s: string) => out.push(s) } }).error({ err: e }, "query failed");
  return [...lines, ...out].join("\n");
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the query to fail");
}

describe.each(DB_KINDS)("database errors (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
    await insertPatient(t.db, PHI);
  });
  afterAll(async () => t?.close());

  it("a unique violation names the table, SQLSTATE 23505 and the constraint, and no parameter", async () => {
    const e = await failure(t.db.insert(patients).values({ ...PHI, firstName: "Other" }));
    expect(e).toBeInstanceOf(DatabaseError);
    expect(e).toMatchObject({ code: "23505", table: "patients", constraint: "patients_chart_number_key" });
    expect((e as Error).message).toBe("Database query on patients failed (SQLSTATE 23505)");
    const text = printed(e);
    for (const s of secrets) expect(text).not.toContain(s);
  });

  it("inside a transaction, in a raw statement and with a bad value, nothing typed is printed either", async () => {
    const inTx = await failure(
      t.db.transaction(async (tx) => {
        await tx.insert(patients).values({ ...PHI, firstName: "Twice" });
      }),
    );
    // PostgreSQL echoes a malformed value in its own message ('invalid input syntax for type date: "…"').
    const badDate = await failure(
      t.db.execute(sql`select * from patients where date_of_birth = ${`${PHI.lastName} ${PHI.email}`}`),
    );
    const badUuid = await failure(t.db.execute(sql`update patients set zip = ${PHI.zip} where id = ${PHI.phone}`));
    expect(inTx).toMatchObject({ name: "DatabaseError", code: "23505", table: "patients" });
    expect(badDate).toMatchObject({ name: "DatabaseError", code: "22007", table: "patients" });
    expect(badUuid).toMatchObject({ name: "DatabaseError", code: "22P02", table: "patients" });
    for (const e of [inTx, badDate, badUuid]) {
      const text = printed(e);
      for (const s of [...secrets, `${PHI.lastName} ${PHI.email}`]) expect(text).not.toContain(s);
    }
  });

  it("errors thrown by the caller inside a transaction pass through unchanged", async () => {
    const mine = new Error("the caller's own reason");
    expect(await failure(t.db.transaction(async () => Promise.reject(mine)))).toBe(mine);
  });
});

describe("tableOf", () => {
  it.each([
    ['insert into "patients" ("id") values ($1)', "patients"],
    ['select "id" from "staff_users" where "email" = $1', "staff_users"],
    ["update verification_attempts set processed_at = $1", "verification_attempts"],
    ['delete from "revoked_sessions" where "expires_at" < $1', "revoked_sessions"],
    ["truncate audit_events", "audit_events"],
    ["select 1", undefined],
  ])("%s → %s", (query, table) => {
    expect(tableOf(query)).toBe(table);
  });
});
