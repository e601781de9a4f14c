// `npm run worker` survives its database connection being killed in the middle of a pass and goes on processing
// (docs/security.md L3). PostgreSQL only, by nature: the condition is a server backend terminated under a live
// client connection (pg_terminate_backend), which embedded PGlite, running inside the process, does not have;
// its equivalent (a pass that fails does not end the loop) is in worker-health.test.ts on both databases.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertPatient } from "@/test-kit/factories";
import { requestVerification } from "@/lib/verification/request-verification";

const onPostgres = !!process.env.DATABASE_URL;

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(onPostgres)("npm run worker on PostgreSQL", () => {
  let t: TestDb;
  let worker: ChildProcess;
  let output = "";
  beforeAll(async () => {
    t = await openTestDb("postgres");
    worker = spawn(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/worker.ts"],
      { env: { ...process.env, DATABASE_URL: t.url, RESEND_API_KEY: "" } },
    );
    for (const s of [worker.stdout, worker.stderr]) s?.on("data", (c) => (output += String(c)));
  });
  afterAll(async () => {
    worker?.kill("SIGTERM");
    await new Promise((r) => (worker?.exitCode !== null ? r(null) : worker.once("exit", r)));
    await t?.close();
  });

  it("a backend terminated mid-pass, three times: the worker stays up and processes each request within 10 s", async () => {
    await until("the worker's first heartbeat", async () => (await count(t, "worker_heartbeats")) > 0, 60_000).catch(
      (e) => {
        throw new Error(`${e.message}; the worker printed: ${output}`);
      },
    );
    const typed: string[] = [];
    for (let round = 1; round <= 3; round++) {
      const p = await insertPatient(t.db, {
        firstName: `Terminata${round}`,
        lastName: "Backendova",
        dateOfBirth: `197${round}-07-07`,
        email: `terminata${round}.backendova@example.com`,
        zip: "62703",
      });
      const details = { email: p.email!, lastName: p.lastName, dateOfBirth: p.dateOfBirth, zip: p.zip! };
      typed.push(p.firstName, ...Object.values(details));

      // Hold a table the pass reads (not one the request writes) so the pass stops inside its transaction; then
      // kill that backend.
      const locker = postgres(t.url!, { max: 1, onnotice: () => {} });
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const lock = locker.begin(async (tx) => {
        await tx`lock table portal_accounts in access exclusive mode`;
        locked();
        await held;
      });
      await isLocked;
      await requestVerification(t.db, { flow: "register", details, ipHash: `worker-test-${round}`, now: new Date() });
      const [blocked] = await until(
        "the worker to wait on the lock, mid-transaction",
        async () => {
          const rows = await queryRows<{ pid: number }>(
            t.db,
            sql`select pid from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and state = 'active'`,
          );
          return rows.length ? rows : undefined;
        },
        15_000,
      );
      await t.db.execute(sql`select pg_terminate_backend(${blocked.pid})`);
      release();
      await lock;
      await locker.end();

      const killedAt = Date.now();
      await until(
        `request ${round} to be processed (the worker printed: ${output})`,
        async () => (await count(t, "verification_attempts", sql`processed_at is not null`)) === round,
        10_000,
      );
      expect(Date.now() - killedAt).toBeLessThan(10_000);
      expect(await count(t, "email_outbox", sql`template = 'setup_link'`)).toBe(round);
      expect(worker.exitCode, `the worker exited; it printed: ${output}`).toBeNull();
    }
    // The worker said what happened, and named no patient detail.
    expect(output).toContain("worker pass failed");
    for (const v of typed) expect(output).not.toContain(v);
  }, 180_000);
});

async function count(t: TestDb, table: string, where = sql`true`): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`,
  );
  return row.n;
}
