// `npm test`: unit and integration tests (vitest; PGlite always, PostgreSQL too when DATABASE_URL is set),
// then a production build and the Playwright suite in Chromium. Ends with one line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const totals = { passed: 0, failed: 0, skipped: 0 };
// Names of what failed, repeated just above the last line: CI keeps only the tail of a long run.
const failures = [];
let broken = false;

function run(label, command, args, extraEnv = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

mkdirSync("test-results", { recursive: true });

/** Every test of a Playwright JSON report, with the spec it belongs to. */
function playwrightTests(report) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) out.push({ spec, t });
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const s of report.suites ?? []) walk(s);
  return out;
}

function skipReasons(report) {
  return playwrightTests(report)
    .filter(({ t }) => t.status === "skipped")
    .map(({ spec, t }) => {
      const note = (t.annotations ?? [])
        .map((a) => a.description)
        .filter(Boolean)
        .join("; ");
      return `${spec.title}${note ? ` (${note})` : ""}`;
    });
}

function playwrightFailures(report) {
  return playwrightTests(report)
    .filter(({ t }) => t.status === "unexpected" || t.status === "flaky")
    .map(({ spec, t }) => `[${t.projectName}] ${spec.file}:${spec.line} › ${spec.title} (${t.status})`);
}

/** Runs a script that ends with "N passed, N failed" and adds its figures to the totals. */
function runCounted(label, script) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync("node", [script], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  process.stdout.write(r.stdout ?? "");
  const m = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout ?? "");
  if (m) {
    totals.passed += Number(m[1]);
    totals.failed += Number(m[2]);
    for (const line of (r.stdout ?? "").split("\n"))
      if (line.startsWith("FAIL ")) failures.push(`${label}: ${line.slice(5)}`);
  } else if (!/^not checked: /m.test(r.stdout ?? "")) totals.failed += 1;
  if (r.status !== 0) broken = true;
}

// 0. Advisories in what the app ships: no high or critical one may pass.
runCounted("Dependency advisories (npm audit --omit=dev)", "scripts/audit-check.mjs");

/** A check that passes or fails as a whole (lint, types, import rules): one test in the totals. */
function runCheck(label, command, args) {
  if (run(label, command, args) === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
    broken = true;
  }
}

// 0b. Static checks: format and lint, types, the import rules between app/, lib/ and db/.
runCheck("Format and lint (biome ci)", "npx", ["biome", "ci", "."]);
runCheck("Types (tsc --noEmit)", "npx", ["tsc", "--noEmit"]);
runCheck("Import rules between layers (dependency-cruiser)", "npm", ["run", "--silent", "depcruise"]);

// 1. vitest
rmSync("test-results/vitest.json", { force: true });
const vitestCode = run("Unit and integration tests (vitest)", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/vitest.json",
]);
const vitest = readJson("test-results/vitest.json");
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  // A file that failed to load has no tests to count: count it as a failure.
  totals.failed += vitest.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  for (const file of vitest.testResults) {
    const where = file.name.replace(`${process.cwd()}/`, "");
    if (file.status === "failed" && file.assertionResults.length === 0) failures.push(`vitest ${where}: did not load`);
    for (const t of file.assertionResults) if (t.status === "failed") failures.push(`vitest ${where} › ${t.fullName}`);
  }
}
if (vitestCode !== 0 || !vitest) broken = true;

// 2. production build, then Playwright against it
const buildCode = run("Production build (next build)", "npx", ["next", "build"]);
if (buildCode !== 0) {
  broken = true;
  totals.failed += 1;
} else {
  rmSync("test-results/playwright.json", { force: true });
  const e2eCode = run("End-to-end tests (Playwright, Chromium)", "npx", ["playwright", "test"]);
  const pw = existsSync("test-results/playwright.json") ? readJson("test-results/playwright.json") : null;
  if (pw?.stats) {
    totals.passed += pw.stats.expected;
    totals.failed += pw.stats.unexpected + pw.stats.flaky;
    totals.skipped += pw.stats.skipped;
    for (const e of pw.errors ?? []) console.error(`Playwright: ${e.message ?? e}`);
    // A skip is allowed only with a stated reason; print each so it is never silent.
    for (const reason of skipReasons(pw)) console.log(`skipped: ${reason}`);
    if ((pw.errors ?? []).length) totals.failed += 1;
    failures.push(...playwrightFailures(pw).map((name) => `playwright ${name}`));
  } else {
    totals.failed += 1;
  }
  if (e2eCode !== 0 || !pw) broken = true;
}

// 3. docs/security.md R2, last because it restarts the local PostgreSQL server.
if (process.env.DATABASE_URL && buildCode === 0) {
  runCounted("Database restart while serving (scripts/db-restart-check.mjs)", "scripts/db-restart-check.mjs");
} else if (!process.env.DATABASE_URL) {
  console.log("\nskipped: database restart check (needs DATABASE_URL pointing at a local PostgreSQL it may restart)");
}

console.log("");
for (const name of failures) console.log(`failed: ${name}`);
// The last line is exactly "N passed, N failed", which CI reads; skips were listed with their reasons above.
if (totals.skipped) console.log(`${totals.skipped} skipped (reasons above)`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(broken || totals.failed > 0 ? 1 : 0);
