// The database goes away under the app (docs/security.md L1, L3): the app's connections are killed in the middle
// of a request, and the email worker is held up until it stalls. PostgreSQL only, with reason: the test reaches
// the app's database from outside to hold locks and terminate backends (pg_terminate_backend), and embedded
// PGlite runs inside the server process, where nothing else can connect to it. On PGlite these tests are skipped
// and say why. The log scan that runs after every journey (log-scan.check.ts) reads what the server printed here.
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { waitForEmail } from "./support/mailbox";
import { e2eDatabaseUrl } from "./support/database";
import { ADMIN, signInAsStaff } from "./support/staff";

const FRONT_DESK = { email: "frontdesk@demo.clinic", password: "demo-frontdesk-password" };
const POSTGRES_ONLY =
  "PostgreSQL only: the test holds locks and terminates backends in the app's database from outside";

/** Holds `statement` (a LOCK TABLE) in an open transaction until the returned release is called. */
async function holdLock(url: string, statement: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const done = sql.begin(async (tx) => {
    await tx.unsafe(statement);
    locked();
    await held;
  });
  await isLocked;
  return async () => {
    release();
    await done;
    await sql.end();
  };
}

async function query<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

test("the app's database connections killed mid-request: a clean error page, then the app and its worker carry on", async ({
  page,
  browser,
}, info) => {
  const url = e2eDatabaseUrl(info.config.configFile);
  test.skip(!url, POSTGRES_ONLY);
  await signInAsStaff(page);
  const [grace] = await query(
    url!,
    (sql) => sql<{ id: string }[]>`select id from patients where email = 'grace.okafor@example.com'`,
  );

  // Hold a table both the patient dash and the worker's matching read, so both stop mid-request.
  const release = await holdLock(url!, "lock table portal_accounts in access exclusive mode");
  const since = Date.now();
  const patient = await browser.newPage();
  await patient.goto("/forgot-password");
  await patient.getByLabel("Email").fill("grace.okafor@example.com");
  await patient.getByLabel("Last name").fill("Okafor");
  await patient.getByLabel("Month").fill("09");
  await patient.getByLabel("Day").fill("15");
  await patient.getByLabel("Year").fill("1951");
  await patient.getByLabel("ZIP code").fill("62711");
  await patient.getByRole("button", { name: "Send me a link" }).click();
  await expect(patient.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const dash = page.goto(`/admin/patients/${grace.id}`);
  let killed = 0;
  await expect
    .poll(
      async () => {
        const waiting = await query(
          url!,
          (sql) => sql<{ pid: number }[]>`select pid from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and state = 'active'`,
        );
        if (waiting.length < 2) return waiting.length;
        for (const w of waiting) await query(url!, (sql) => sql`select pg_terminate_backend(${w.pid})`);
        killed = waiting.length;
        return killed;
      },
      { timeout: 20_000, message: "the dash request and the worker to wait on the held table" },
    )
    .toBeGreaterThanOrEqual(2);
  await release();
  await dash;
  // A clean error page of the app's own, not a stack trace (and, per the log scan, nothing of Grace's in the log).
  await expect(page.getByRole("heading", { name: "Sorry, something went wrong on our side" })).toBeVisible();
  expect(killed).toBeGreaterThanOrEqual(2);

  // The app carries on without a restart: the same page works again, and the worker sends the reset link.
  await page.goto(`/admin/patients/${grace.id}`);
  await expect(page.getByRole("heading", { name: /Grace Okafor/ })).toBeVisible();
  await waitForEmail({ to: "grace.okafor@example.com", since, timeoutMs: 15_000 });
  const health = await page.request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ worker: "ok" });
});

test("a stalled worker: /api/health answers 503 and admins see the banner, front desk does not", async ({
  page,
  browser,
}, info) => {
  const url = e2eDatabaseUrl(info.config.configFile);
  test.skip(!url, POSTGRES_ONLY);
  // Make every heartbeat two minutes old, then stop the worker from writing a new one (reads still work).
  let release: (() => Promise<void>) | undefined;
  await expect
    .poll(
      async () => {
        await release?.();
        await query(url!, (sql) => sql`update worker_heartbeats set last_pass_at = now() - interval '2 minutes'`);
        release = await holdLock(url!, "lock table worker_heartbeats in exclusive mode");
        const [row] = await query(
          url!,
          (sql) => sql<{ age: number }[]>`select extract(epoch from now() - max(last_pass_at))::int as age
            from worker_heartbeats`,
        );
        return row.age;
      },
      { timeout: 30_000, message: "the heartbeats to stay two minutes old" },
    )
    .toBeGreaterThan(60);
  try {
    const health = await page.request.get("/api/health");
    expect(health.status()).toBe(503);
    expect(await health.json()).toMatchObject({ worker: "stalled" });

    await signInAsStaff(page, ADMIN);
    await expect(page.getByRole("alert").filter({ hasText: "Email sending is stalled." })).toBeVisible();
    const desk = await browser.newPage();
    await signInAsStaff(desk, FRONT_DESK);
    await expect(desk.getByText("Email sending is stalled.")).toHaveCount(0);
  } finally {
    await release?.();
  }
  // The worker writes its heartbeat again: healthy, and the banner is gone.
  await expect.poll(async () => (await page.request.get("/api/health")).status(), { timeout: 30_000 }).toBe(200);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  await expect(page.getByText("Email sending is stalled.")).toHaveCount(0);
});
