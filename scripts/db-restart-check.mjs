// docs/security.md R2: restarts the local PostgreSQL while requests are flowing and checks that the running app
// (not restarted) serves again within 10 s, and that requests caught in the restart got a clean answer
// rather than a hang. Needs DATABASE_URL on this machine and pg_ctlcluster (Debian's PostgreSQL).
// Prints one line per check and "N passed, N failed".
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";

const port = Number(process.env.RESTART_CHECK_PORT ?? 3230);
const base = `http://127.0.0.1:${port}`;
const checks = [];
const check = (name, ok, detail = "") => {
  checks.push(ok);
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` (${detail})` : ""}`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (!process.env.DATABASE_URL) {
  console.error("db-restart-check needs DATABASE_URL (a local PostgreSQL it may restart).");
  process.exit(1);
}
const version = readdirSync("/etc/postgresql")[0];

async function timed(path, headers = {}) {
  const started = Date.now();
  try {
    const res = await fetch(base + path, { headers, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    const body = await res.text();
    return { status: res.status, ms: Date.now() - started, body };
  } catch (e) {
    return { status: 0, ms: Date.now() - started, body: String(e) };
  }
}

const server = spawn("node", ["scripts/e2e-server.mjs"], {
  env: { ...process.env, E2E_PORT: String(port) },
  stdio: ["ignore", "ignore", "inherit"],
});
let exitCode = 1;
try {
  let up = false;
  for (let i = 0; i < 120 && !up; i++) {
    await sleep(1000);
    up = (await timed("/api/health")).status === 200;
  }
  check("the app answers before the restart", up);

  // A page that reads the database on every request: the setup page, with a link cookie to look up.
  const cookie = { cookie: `pp_setup_link=${"A".repeat(43)}` };
  const results = [];
  let flowing = true;
  const traffic = (async () => {
    while (flowing) {
      const [h, p] = await Promise.all([timed("/api/health"), timed("/setup-account", cookie)]);
      results.push({ at: Date.now(), health: h, page: p });
      await sleep(100);
    }
  })();
  await sleep(1500);
  const restartStarted = Date.now();
  // Asynchronously, so the traffic above keeps flowing while the server goes down and comes back.
  const restartCode = await new Promise((resolve) => {
    const child = spawn("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "restart"], {
      stdio: "inherit",
    });
    child.on("exit", (code) => resolve(code));
    child.on("error", () => resolve(-1));
  });
  const restartDone = Date.now();
  check("PostgreSQL restarted", restartCode === 0, `${restartDone - restartStarted} ms`);

  let backAt = null;
  for (let i = 0; i < 150 && backAt === null; i++) {
    const h = await timed("/api/health");
    if (h.status === 200) backAt = Date.now();
    else await sleep(100);
  }
  await sleep(1000);
  flowing = false;
  await traffic;

  const recovery = backAt === null ? Infinity : backAt - restartDone;
  check(
    "the app serves again within 10 s of the restart, without being restarted",
    recovery <= 10_000,
    `${recovery} ms`,
  );
  const during = results.filter((r) => r.at >= restartStarted);
  const slowest = Math.max(...during.flatMap((r) => [r.health.ms, r.page.ms]));
  check(
    "no request hung (every answer within 10 s)",
    slowest <= 10_000,
    `slowest ${slowest} ms over ${during.length * 2} requests`,
  );
  const failedPages = during.map((r) => r.page).filter((p) => p.status !== 200);
  // Next answers a page that failed on the server with its error document (html id="__next_error__"), in
  // which the browser shows app/error.tsx; anything else (an empty or cut-off answer) is not clean.
  const clean = failedPages.every(
    (p) => p.status >= 500 && p.status < 600 && /id="__next_error__"|something went wrong on our side/i.test(p.body),
  );
  const seen = [...new Set(failedPages.map((p) => `${p.status} ${p.body.replace(/\s+/g, " ").slice(0, 80)}`))].join(
    " | ",
  );
  check(
    "pages caught in the restart got an error page, not a broken answer",
    clean,
    `${failedPages.length} failed page requests${seen ? `: ${seen}` : ""}`,
  );
  const failedHealth = during.map((r) => r.health).filter((h) => h.status !== 200);
  check(
    "the health check said 503 while the database was away",
    failedHealth.every((h) => h.status === 503),
    `${failedHealth.length} answers`,
  );
  const after = await timed("/setup-account", cookie);
  check(
    "pages read the database again afterwards",
    after.status === 200 && after.body.includes("This link is not valid"),
    `status ${after.status}`,
  );
  exitCode = checks.every(Boolean) ? 0 : 1;
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
  console.log(`${checks.filter(Boolean).length} passed, ${checks.filter((c) => !c).length} failed`);
  process.exit(exitCode);
}
