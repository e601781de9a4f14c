// The real `npm run import` command, as a child process against a scratch PostgreSQL database: exit codes and
// report lines. PostgreSQL only, since the CLI and the tests cannot share one embedded database.
import { spawn } from "node:child_process";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "@/test-kit/test-db";

type Run = { code: number | null; stdout: string; stderr: string };

function runImport(url: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/import.ts", ...args],
      {
        env: { ...process.env, DATABASE_URL: url },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(process.env.DATABASE_URL)("npm run import (postgres)", () => {
  let scratch: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await createScratchDatabase("pp_import_cli");
  });
  afterAll(() => scratch?.drop());

  const countPatients = async () => {
    const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
    try {
      const [{ n }] = await sql`select count(*)::int as n from patients`;
      return n as number;
    } finally {
      await sql.end();
    }
  };

  it("a file with problems: exit code 1, one line per problem, nothing written", { timeout: 60_000 }, async () => {
    const r = await runImport(scratch.url, "db/examples/patients-bad.csv");
    expect(r.code).toBe(1);
    const lines = (r.stdout + r.stderr).trim().split("\n");
    expect(lines).toEqual([
      "row 2, field date_of_birth: Enter the date of birth as MM/DD/YYYY, like 03/27/1980",
      "row 3, field zip: Enter a 5-digit ZIP code, like 62701, or ZIP+4, like 62701-1234",
      "row 4, field last_name: Enter the last name",
      "row 6, field chart_number: chart number MRN-30001 is also on row 2",
      "row 7, field email: Enter the email address in the right form, like name@example.com",
      "row 7, field state: Enter the state as 2 letters, like IL",
      "row 7, field portal_access: Portal access must be yes, no, true, false, 1, 0 or blank",
      "6 rows read: 1 to add, 0 to update, 0 unchanged, 5 with problems",
      "Nothing was imported: fix the problems above and run the import again.",
    ]);
    expect(await countPatients()).toBe(0);
  });

  it("a good file: dry run changes nothing, the real run adds, a second run finds all unchanged", {
    timeout: 90_000,
  }, async () => {
    const dry = await runImport(scratch.url, "db/examples/patients.csv", "--dry-run");
    expect(dry).toMatchObject({ code: 0, stderr: "" });
    expect(dry.stdout).toContain(
      "10 rows read: 10 to add, 0 to update, 0 unchanged, 0 with problems\nDry run: nothing was changed.",
    );
    expect(await countPatients()).toBe(0);

    const real = await runImport(scratch.url, "db/examples/patients.csv");
    expect(real).toMatchObject({
      code: 0,
      stdout: "10 rows read: 10 added, 0 updated, 0 unchanged, 0 with problems\n",
    });
    const again = await runImport(scratch.url, "db/examples/patients.csv");
    expect(again).toMatchObject({
      code: 0,
      stdout: "10 rows read: 0 added, 0 updated, 10 unchanged, 0 with problems\n",
    });
    expect(await countPatients()).toBe(10);
  });
});

// Needs no database: the CLI stops before opening one.
describe("npm run import, usage", () => {
  it("exits with 2 and the usage line when no file is named", { timeout: 60_000 }, async () => {
    const r = await runImport("postgres://unused@127.0.0.1:1/unused");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("usage: npm run import -- FILE [--dry-run]");
  });
});
