// Patient pages and memory (issue items 7 and 8), against the production build:
//   (a) first-load JavaScript of each patient-facing page, gzipped: what Chromium really downloads, cross-checked
//       against the build's manifests (Next 16 no longer prints sizes in `next build`)
//   (b) Lighthouse 12.2.3 mobile scores (its default emulation and throttling) of /login, /register and
//       /forgot-password: 3 runs each, medians
//   (c) RSS of the `next start` process tree idle and at the end of a load run (PostgreSQL); the embedded (PGlite)
//       mode's time to the first page and RSS, on an empty folder (migrations + demo seed) and on the second start
// `node bench/pages.mjs` runs it alone and prints the markdown; bench/run.mjs may call benchPages({ logDir }).
//
// Needs a local PostgreSQL (DATABASE_URL, an admin connection as for bench/run.mjs: a scratch database is created
// and dropped) and Chromium (CHROMIUM_PATH or /usr/bin/chromium). Ports BENCH_PAGES_PORT..+2 (default 3600–3602).
// BENCH_DIST_DIR picks the build (default .next-bench; built when missing or with BENCH_BUILD=1).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import { assertLocalDatabase, createScratchDatabase } from "../test-kit/scratch-database.mjs";
import { appEnv, DIST_DIR, startApp, startFakeResend } from "./lib/app.mjs";
import { buildInto } from "./lib/build.mjs";
import { lighthouseCli } from "./lib/own-install.mjs";
import { makeAgent, send } from "./lib/http.mjs";
import { closedLoop } from "./lib/load.mjs";
import { loadNow, waitForQuiet } from "./lib/load-gate.mjs";
import { run, start, stop } from "./lib/procs.mjs";
import { median } from "./lib/stats.mjs";

export const PATIENT_ROUTES = [
  "/login",
  "/register",
  "/forgot-password",
  "/forgot-username",
  "/setup-account",
  "/reset-password",
  "/portal",
];
export const LIGHTHOUSE_ROUTES = ["/login", "/register", "/forgot-password"];
export const TARGETS = { jsKb: 150, performance: 95, accessibility: 100, bestPractices: 95 };
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const LOAD_REQUESTS = Number(process.env.BENCH_PAGES_LOAD_REQUESTS ?? 2_000);
const LOAD_CLIENTS = 16;
const IDLE_SETTLE_MS = 10_000;
// On file in the demo practice (db/seed/demo.ts).
const DEMO_PASSWORD = "demo-patient-password";
const SIGN_IN = { username: "mgarcia", password: DEMO_PASSWORD, firstName: "Maria" };
const RESET_FOR = {
  email: "maria.garcia@example.com",
  lastName: "García-López",
  month: "04",
  day: "12",
  year: "1978",
  zip: "62701",
};
const SETUP_FOR = {
  email: "nora.l@example.com",
  lastName: "Lindqvist",
  month: "01",
  day: "09",
  year: "1972",
  zip: "62701",
};

const kB = (bytes) => bytes / 1000; // kB as Next printed them (1 kB = 1000 bytes)
const fmtKb = (bytes) => `${kB(bytes).toFixed(1)} kB`;
const MiB = (kib) => kib / 1024;
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length; // level 9, as Next's old "First Load JS" (gzip-size)

function chromiumPath() {
  const found = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
    (p) => p && existsSync(p),
  );
  if (!found) throw new Error("no Chromium: install one (apt-get install -y chromium) or set CHROMIUM_PATH");
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Memory of a process and everything it started (next start forks the server that does the work).

function processTree(rootPid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  const pids = [];
  const walk = (pid) => {
    pids.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(rootPid);
  return pids;
}

/** { rssKiB, hwmKiB, processes: [{ pid, name, rssKiB, hwmKiB }] } of `rootPid` and its descendants. */
export function treeMemory(rootPid) {
  const processes = [];
  for (const pid of processTree(rootPid)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const field = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
      processes.push({
        pid,
        name: /^Name:\s+(.*)$/m.exec(status)?.[1],
        rssKiB: field("VmRSS"),
        hwmKiB: field("VmHWM"),
      });
    } catch {
      // exited while we looked
    }
  }
  return {
    rssKiB: processes.reduce((s, p) => s + p.rssKiB, 0),
    hwmKiB: processes.reduce((s, p) => s + p.hwmKiB, 0),
    processes,
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------
// Build (only when missing), without leaving next build's tsconfig.json edit behind.

async function buildIfMissing(distDir, logDir) {
  if (existsSync(path.join(distDir, "BUILD_ID")) && process.env.BENCH_BUILD !== "1") return;
  console.log(`pages: building into ${distDir}`);
  await buildInto({ distDir, logFile: path.join(logDir, "pages-build.log"), label: "pages" });
}

// ---------------------------------------------------------------------------------------------------------
// (a) JavaScript per page

/** What the build says a route's first load needs: the root main files plus its layouts', page's and error boundaries' entry chunks. */
function manifestScripts(distDir, route) {
  const build = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8"));
  const file = path.join(distDir, "server", "app", "(patient)", route.slice(1), "page_client-reference-manifest.js");
  const sandbox = { globalThis: {} };
  new Function("globalThis", readFileSync(file, "utf8"))(sandbox.globalThis);
  const manifest = Object.values(sandbox.globalThis.__RSC_MANIFEST)[0];
  const files = new Set(build.rootMainFiles);
  for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const f of list) files.add(f);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const buf = readFileSync(path.join(distDir, f));
    raw += buf.length;
    gzip += gz(buf);
  }
  // polyfillFiles are <script nomodule>: modern browsers skip them.
  return {
    files: [...files].map((f) => path.basename(f)),
    rawBytes: raw,
    gzipBytes: gzip,
    polyfillFiles: build.polyfillFiles.map((f) => path.basename(f)),
  };
}

async function fillVerification(page, d) {
  await page.getByLabel("Email").fill(d.email);
  await page.getByLabel("Last name").fill(d.lastName);
  await page.getByLabel("Month").fill(d.month);
  await page.getByLabel("Day").fill(d.day);
  await page.getByLabel("Year").fill(d.year);
  await page.getByLabel("ZIP code").fill(d.zip);
}

async function emailedLink({ resendUrl, to, linkPath, since, timeoutMs = 60_000 }) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const all = await (await fetch(`${resendUrl}/_fake/messages`)).json();
    const mine = all.filter((m) => m.to.some((t) => t.toLowerCase() === to) && m.receivedAt >= since);
    for (const m of mine.reverse()) {
      const link = new RegExp(`https?://[^\\s"<>]+${linkPath}\\?token=[A-Za-z0-9_-]+`).exec(m.text ?? "")?.[0];
      if (link) return link;
    }
    await sleep(500);
  }
  throw new Error(`no ${linkPath} email to ${to} within ${timeoutMs / 1000} s`);
}

/** Signs in, asks for a setup and a reset link: what /portal, /setup-account and /reset-password need to show their forms. */
async function prepareJourneys(browser, appUrl, resendUrl) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const since = Date.now() - 1000;
  for (const [route, who] of [
    ["/register", SETUP_FOR],
    ["/forgot-password", RESET_FOR],
  ]) {
    await page.goto(appUrl + route);
    await fillVerification(page, who);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
  }
  const setupLink = await emailedLink({ resendUrl, to: SETUP_FOR.email, linkPath: "/setup-account", since });
  const resetLink = await emailedLink({ resendUrl, to: RESET_FOR.email, linkPath: "/reset-password", since });
  await page.goto(`${appUrl}/login`);
  await page.getByLabel("Username").fill(SIGN_IN.username);
  await page.getByLabel("Password", { exact: true }).fill(SIGN_IN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/portal$/);
  const signedIn = await ctx.storageState();
  await ctx.close();
  return {
    "/setup-account": { url: setupLink, expectHeading: "Set up your Patient Portal account" },
    "/reset-password": { url: resetLink, expectHeading: "Choose a new password" },
    "/portal": { url: `${appUrl}/portal`, storageState: signedIn, expectHeading: `Hello, ${SIGN_IN.firstName}` },
  };
}

/** Loads `url` in a fresh context (empty cache) and measures every script it downloads until the network is idle. */
async function measurePage(browser, url, { storageState, expectHeading } = {}) {
  const ctx = await browser.newContext({ storageState });
  const page = await ctx.newPage();
  const scripts = [];
  let loaded = false;
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    const afterLoad = loaded;
    scripts.push(
      (async () => {
        const body = await res.body();
        const sizes = await res.request().sizes();
        return {
          file: path.basename(new URL(res.url()).pathname),
          status: res.status(),
          encoding: (await res.headerValue("content-encoding")) ?? "identity",
          rawBytes: body.length,
          gzipBytes: gz(body),
          transferBytes: sizes.responseBodySize,
          afterLoad,
        };
      })(),
    );
  });
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  await page.goto(url, { waitUntil: "load" });
  loaded = true;
  await page.waitForLoadState("networkidle");
  if (expectHeading) await page.getByRole("heading", { name: expectHeading, level: 1 }).waitFor({ timeout: 10_000 });
  const finalPath = new URL(page.url()).pathname;
  const list = await Promise.all(scripts);
  await ctx.close();
  const sum = (xs, k) => xs.reduce((s, x) => s + x[k], 0);
  const first = list.filter((s) => !s.afterLoad);
  return {
    finalPath,
    scripts: list,
    count: list.length,
    rawBytes: sum(list, "rawBytes"),
    gzipBytes: sum(list, "gzipBytes"),
    transferBytes: sum(list, "transferBytes"),
    beforeLoadGzipBytes: sum(first, "gzipBytes"),
    consoleErrors,
  };
}

async function measureJs({ appUrl, resendUrl, distDir }) {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const special = await prepareJourneys(browser, appUrl, resendUrl);
    const pages = {};
    for (const route of PATIENT_ROUTES) {
      const how = special[route] ?? { url: appUrl + route };
      const m = await measurePage(browser, how.url, how);
      if (m.finalPath !== route) throw new Error(`${route}: ended on ${m.finalPath}`);
      const manifest = manifestScripts(distDir, route);
      const seen = new Set(m.scripts.map((s) => s.file));
      m.manifest = {
        ...manifest,
        missing: manifest.files.filter((f) => !seen.has(f)),
        extra: [...seen].filter((f) => !manifest.files.includes(f)),
      };
      pages[route] = m;
      console.log(
        `  ${route.padEnd(17)} ${fmtKb(m.gzipBytes).padStart(9)} gzip-9 (${m.count} scripts; ${fmtKb(m.transferBytes)} on the wire, ${fmtKb(m.rawBytes)} raw); manifest ${fmtKb(manifest.gzipBytes)}` +
          (m.manifest.missing.length || m.manifest.extra.length
            ? ` [not loaded: ${m.manifest.missing.join(", ") || "-"}; not in manifest: ${m.manifest.extra.join(", ") || "-"}]`
            : "") +
          (m.consoleErrors.length ? ` console errors: ${m.consoleErrors.length}` : ""),
      );
    }
    return pages;
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// (b) Lighthouse

function lighthouseOnce({ url, outFile, logDir }) {
  const args = [
    lighthouseCli(),
    url,
    "--output=json",
    `--output-path=${outFile}`,
    "--only-categories=performance,accessibility,best-practices",
    "--chrome-flags=--headless=new --no-sandbox",
    "--quiet",
  ];
  return run("lighthouse", "node", args, {
    env: { ...process.env, CHROME_PATH: chromiumPath() },
    logFile: path.join(logDir, "lighthouse.log"),
    timeoutMs: 5 * 60_000,
  }).then(() => {
    const r = JSON.parse(readFileSync(outFile, "utf8"));
    const score = (id) => Math.round(r.categories[id].score * 100);
    const failing = [];
    for (const id of ["performance", "accessibility", "best-practices"]) {
      for (const ref of r.categories[id].auditRefs) {
        const a = r.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative")
          failing.push(`${id}: ${ref.id} (${a.score})`);
      }
    }
    const metric = (id) => r.audits[id]?.numericValue;
    return {
      performance: score("performance"),
      accessibility: score("accessibility"),
      bestPractices: score("best-practices"),
      metrics: {
        fcpMs: metric("first-contentful-paint"),
        lcpMs: metric("largest-contentful-paint"),
        tbtMs: metric("total-blocking-time"),
        cls: metric("cumulative-layout-shift"),
        siMs: metric("speed-index"),
      },
      failing,
      runWarnings: r.runWarnings,
      formFactor: r.configSettings.formFactor,
      throttlingMethod: r.configSettings.throttlingMethod,
      lighthouseVersion: r.lighthouseVersion,
      // Lighthouse's own CPU benchmark of this machine at the time of the run (a quiet desktop scores ~1500+).
      benchmarkIndex: r.environment?.benchmarkIndex,
    };
  });
}

async function measureLighthouse({ appUrl, logDir }) {
  const runs = Object.fromEntries(LIGHTHOUSE_ROUTES.map((r) => [r, []]));
  // Interleaved (every page's run 1, then run 2 …) so a busy minute on the machine does not hit one page only.
  for (let i = 1; i <= LIGHTHOUSE_RUNS; i++) {
    for (const route of LIGHTHOUSE_ROUTES) {
      // Lighthouse scales the CPU time it observes (4× for mobile): other work on these 2 cores lands in the score.
      if (process.env.BENCH_SKIP_LOAD_GATE !== "1")
        await waitForQuiet({ threshold: 2, maxMs: 90_000, everyMs: 5_000, log: () => {} });
      const outFile = path.join(logDir, `lighthouse${route.replace(/\//g, "-")}-${i}.json`);
      const r = await lighthouseOnce({ url: appUrl + route, outFile, logDir });
      r.load = loadNow();
      runs[route].push(r);
      console.log(
        `  ${route.padEnd(17)} run ${i}: performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r.bestPractices}; LCP ${Math.round(r.metrics.lcpMs)} ms, TBT ${Math.round(r.metrics.tbtMs)} ms${r.failing.length ? `; below 1: ${r.failing.join(", ")}` : ""}`,
      );
    }
  }
  const out = {};
  for (const [route, rs] of Object.entries(runs)) {
    const med = (f) => median(rs.map(f));
    out[route] = {
      performance: med((r) => r.performance),
      accessibility: med((r) => r.accessibility),
      bestPractices: med((r) => r.bestPractices),
      metrics: Object.fromEntries(Object.keys(rs[0].metrics).map((k) => [k, med((r) => r.metrics[k])])),
      failing: [...new Set(rs.flatMap((r) => r.failing.map((f) => f.replace(/ \([^)]*\)$/, ""))))],
      runs: rs,
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// (c) memory: production server on PostgreSQL, idle and after a load run

async function measureServerMemory({ app, appUrl }) {
  await sleep(IDLE_SETTLE_MS);
  const idle = treeMemory(app.child.pid);
  console.log(
    `  idle ${IDLE_SETTLE_MS / 1000} s after start: ${MiB(idle.rssKiB).toFixed(1)} MiB RSS (${idle.processes.map((p) => `${p.name} ${p.pid}: ${MiB(p.rssKiB).toFixed(1)}`).join(", ")})`,
  );
  const agents = Array.from({ length: LOAD_CLIENTS }, () => makeAgent(1));
  const routes = ["/login", "/register"];
  const t0 = Date.now();
  const load = await closedLoop({
    clients: LOAD_CLIENTS,
    durationMs: 15 * 60_000,
    maxRequests: LOAD_REQUESTS,
    request: async (i, seq) => {
      const r = await send({
        url: appUrl + routes[(i + seq) % routes.length],
        agent: agents[i],
        raw: true,
        headers: {
          Accept: "text/html,application/xhtml+xml",
          "Accept-Encoding": "gzip, deflate, br",
          "User-Agent": "bench/pages",
        },
      });
      return r.status === 200 ? { ok: true, ms: r.ms } : { ok: false, ms: r.ms, error: `status ${r.status}` };
    },
  });
  const seconds = (Date.now() - t0) / 1000;
  const after = treeMemory(app.child.pid);
  for (const a of agents) a.destroy();
  await sleep(IDLE_SETTLE_MS);
  const settled = treeMemory(app.child.pid);
  const summary = {
    requests: load.sent,
    completed: load.completed,
    errors: load.errors,
    firstError: load.firstError,
    seconds,
    rps: load.completed / seconds,
    p50Ms: median(load.latencies),
  };
  console.log(
    `  after ${summary.completed} GETs of /login and /register from ${LOAD_CLIENTS} clients (${summary.rps.toFixed(0)} req/s, ${summary.errors} errors): ${MiB(after.rssKiB).toFixed(1)} MiB RSS; ${IDLE_SETTLE_MS / 1000} s later ${MiB(settled.rssKiB).toFixed(1)} MiB; peak (VmHWM) ${MiB(settled.hwmKiB).toFixed(1)} MiB`,
  );
  return { idle, afterLoad: after, settled, load: summary };
}

// ---------------------------------------------------------------------------------------------------------
// (c) the embedded mode: first start on an empty folder, then a second start

async function firstPage(url, proc, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!proc.alive()) throw new Error(`the embedded app exited while starting; see ${proc.logFile}`);
    try {
      const r = await send({ url, timeoutMs: 60_000, headers: { Accept: "text/html" } });
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url}: no 200 within ${timeoutMs / 1000} s`);
}

async function measureEmbedded({ port, resendPort, distDir, logDir }) {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-pages-pglite-"));
  const env = appEnv({
    port,
    resendPort,
    databaseUrl: undefined,
    authSecret: randomBytes(32).toString("base64url"),
    limits: null,
  });
  delete env.DATABASE_URL;
  Object.assign(env, { NEXT_DIST_DIR: distDir, PGLITE_DIR: path.join(dir, "pglite"), DEMO_SEED: "true" });
  const result = {};
  try {
    for (const which of ["first", "second"]) {
      const t0 = process.hrtime.bigint();
      const proc = start(
        `pglite-${which}`,
        "node",
        ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
        {
          env,
          logFile: path.join(logDir, `pages-pglite-${which}.log`),
        },
      );
      try {
        await firstPage(`http://127.0.0.1:${port}/login`, proc, 10 * 60_000);
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        const atFirstPage = treeMemory(proc.child.pid);
        await sleep(IDLE_SETTLE_MS);
        const settled = treeMemory(proc.child.pid);
        result[which] = { seconds, atFirstPage, settled, load: loadNow() };
        console.log(
          `  ${which} start: first 200 of /login after ${seconds.toFixed(1)} s; RSS ${MiB(atFirstPage.rssKiB).toFixed(1)} MiB then, ${MiB(settled.rssKiB).toFixed(1)} MiB ${IDLE_SETTLE_MS / 1000} s later (peak ${MiB(settled.hwmKiB).toFixed(1)} MiB)`,
        );
      } finally {
        await stop(proc);
      }
    }
    const seeded = readFileSync(path.join(logDir, "pages-pglite-first.log"), "utf8");
    result.seededOnFirstStart = /Staff sign-in/.test(seeded);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------

/** The markdown table (and notes) for a pages.json, so a report can be re-rendered from a finished run. */
export function pagesMarkdown(r) {
  const pass = (ok) => (ok ? "pass" : "**FAIL**");
  const rows = [
    ["figure", "target", "measured", "ratio / pass"],
    ["---", "---", "---", "---"],
  ];
  for (const [route, m] of Object.entries(r.js)) {
    rows.push([
      `First-load JS, \`${route}\` (gzip -9 of the scripts Chromium downloads)`,
      `≤ ${TARGETS.jsKb} kB`,
      `${fmtKb(m.gzipBytes)} (${m.count} scripts; ${fmtKb(m.transferBytes)} as served; manifest ${fmtKb(m.manifest.gzipBytes)})`,
      `${(kB(m.gzipBytes) / TARGETS.jsKb).toFixed(2)} ${pass(kB(m.gzipBytes) <= TARGETS.jsKb)}`,
    ]);
  }
  for (const [route, l] of Object.entries(r.lighthouse)) {
    const runs = (k) => l.runs.map((x) => x[k]).join(" / ");
    rows.push([
      `Lighthouse mobile performance, \`${route}\` (median of ${l.runs.length})`,
      `≥ ${TARGETS.performance}`,
      `${l.performance} (${runs("performance")})`,
      pass(l.performance >= TARGETS.performance),
    ]);
    rows.push([
      `Lighthouse accessibility, \`${route}\``,
      `${TARGETS.accessibility}`,
      `${l.accessibility} (${runs("accessibility")})`,
      pass(l.accessibility >= TARGETS.accessibility),
    ]);
    rows.push([
      `Lighthouse best practices, \`${route}\``,
      `≥ ${TARGETS.bestPractices}`,
      `${l.bestPractices} (${runs("bestPractices")})`,
      pass(l.bestPractices >= TARGETS.bestPractices),
    ]);
  }
  const m = r.memory;
  rows.push([
    "RSS of `next start` (process tree), idle after start (PostgreSQL)",
    "reported",
    `${MiB(m.idle.rssKiB).toFixed(1)} MiB`,
    "—",
  ]);
  rows.push([
    `RSS at the end of ${m.load.completed} GETs of /login and /register, ${LOAD_CLIENTS} clients`,
    "reported",
    `${MiB(m.afterLoad.rssKiB).toFixed(1)} MiB (peak ${MiB(m.settled.hwmKiB).toFixed(1)}; ${m.load.rps.toFixed(0)} req/s, ${m.load.errors} errors)`,
    `${(m.afterLoad.rssKiB / m.idle.rssKiB).toFixed(2)} × idle`,
  ]);
  const e = r.embedded;
  rows.push([
    "Embedded (PGlite) first start on an empty folder: spawn to first 200 of /login (migrations + demo seed)",
    "reported",
    `${e.first.seconds.toFixed(1)} s`,
    "—",
  ]);
  rows.push([
    "Embedded, RSS at that first page / 10 s later",
    "reported",
    `${MiB(e.first.atFirstPage.rssKiB).toFixed(1)} / ${MiB(e.first.settled.rssKiB).toFixed(1)} MiB (peak ${MiB(e.first.settled.hwmKiB).toFixed(1)})`,
    `${(e.first.settled.rssKiB / m.idle.rssKiB).toFixed(2)} × PostgreSQL idle`,
  ]);
  rows.push([
    "Embedded second start: spawn to first 200 of /login",
    "reported",
    `${e.second.seconds.toFixed(1)} s`,
    `${(e.second.seconds / e.first.seconds).toFixed(2)} × first`,
  ]);
  rows.push([
    "Embedded second start, RSS at the first page / 10 s later",
    "reported",
    `${MiB(e.second.atFirstPage.rssKiB).toFixed(1)} / ${MiB(e.second.settled.rssKiB).toFixed(1)} MiB (peak ${MiB(e.second.settled.hwmKiB).toFixed(1)})`,
    "—",
  ]);
  const table = rows.map((c) => `| ${c.join(" | ")} |`).join("\n");

  const notes = [];
  const lh = Object.values(r.lighthouse)[0]?.runs[0];
  notes.push(
    `Lighthouse ${lh?.lighthouseVersion} (${lh?.formFactor}, ${lh?.throttlingMethod} throttling), ${r.meta.chromium}, against \`next start\` on 127.0.0.1; ` +
      `JS sizes are gzip level 9 of each script body (1 kB = 1000 bytes); "as served" is what \`next start\` sent (its own gzip). ` +
      `The manifest figure is build-manifest.json's rootMainFiles plus the route's entryJSFiles (client-reference manifest), without the nomodule polyfills.`,
  );
  for (const [route, js] of Object.entries(r.js)) {
    if (js.manifest.missing.length || js.manifest.extra.length)
      notes.push(
        `\`${route}\`: loaded but not in the manifest: ${js.manifest.extra.join(", ") || "none"}; in the manifest but not loaded: ${js.manifest.missing.join(", ") || "none"}.`,
      );
    if (js.consoleErrors.length) notes.push(`\`${route}\`: console errors: ${js.consoleErrors.join(" | ")}`);
  }
  for (const [route, l] of Object.entries(r.lighthouse)) {
    const perRun = l.runs
      .map(
        (x) =>
          `${x.performance} (TBT ${Math.round(x.metrics.tbtMs)} ms, LCP ${Math.round(x.metrics.lcpMs)} ms, 1-min load after ${x.load[0]}, benchmarkIndex ${Math.round(x.benchmarkIndex)})`,
      )
      .join("; ");
    notes.push(
      `\`${route}\` performance per run: ${perRun}.${l.failing.length ? ` Audits below 1 in some run: ${l.failing.join(", ")}.` : ""}`,
    );
  }
  notes.push(
    `Load average (1/5/15 min) at the start: ${r.meta.loadStart.join(" / ")}, at the end: ${r.meta.loadEnd.join(" / ")}; 2 shared cores.`,
  );
  return `## Pages: JavaScript, Lighthouse, memory\n\n${table}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n`;
}

// What Ctrl-C must undo while benchPages runs: the processes it started and its scratch database.
let onInterrupt = null;

/** Runs (a)–(c); `logDir` gets the logs, Lighthouse reports and pages.json. Returns { json, markdown }. */
export async function benchPages({
  logDir,
  adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres",
  distDir = process.env.BENCH_DIST_DIR ?? DIST_DIR,
  basePort = Number(process.env.BENCH_PAGES_PORT ?? 3600),
} = {}) {
  mkdirSync(logDir, { recursive: true });
  assertLocalDatabase(adminUrl);
  const ports = { app: basePort, resend: basePort + 1, embedded: basePort + 2 };
  await buildIfMissing(distDir, logDir);
  const meta = {
    startedAt: new Date().toISOString(),
    buildId: readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim(),
    chromium: execFileSync(chromiumPath(), ["--version"], { encoding: "utf8" }).trim(),
    loadStart: loadNow(),
  };
  if (process.env.BENCH_SKIP_LOAD_GATE !== "1") {
    meta.gate = await waitForQuiet({
      threshold: 1.5,
      maxMs: Number(process.env.BENCH_LOAD_GATE_MINUTES ?? 10) * 60_000,
    });
  }

  let scratch;
  const started = [];
  const dropDatabase = () =>
    scratch?.drop().catch((e) => console.error(`pages: could not drop ${scratch.name}: ${e.message}`));
  onInterrupt = async () => {
    for (const p of started.reverse()) await stop(p);
    await dropDatabase();
  };
  try {
    scratch = await createScratchDatabase(adminUrl, "pp_pages");
    const resend = await startFakeResend({ port: ports.resend, logFile: path.join(logDir, "pages-fake-resend.log") });
    started.push(resend);
    // The demo practice is seeded by the app itself at start (DEMO_SEED): patients to sign in as and to send links to.
    const env = {
      ...appEnv({
        port: ports.app,
        resendPort: ports.resend,
        databaseUrl: scratch.url,
        authSecret: randomBytes(32).toString("base64url"),
        limits: { verify: 10_000, signIn: 10_000 },
      }),
      NEXT_DIST_DIR: distDir,
      DEMO_SEED: "true",
    };
    const appUrl = `http://127.0.0.1:${ports.app}`;
    const app = await startApp({
      name: "pages-app",
      port: ports.app,
      env,
      logFile: path.join(logDir, "pages-app.log"),
    });
    started.push(app);

    console.log("\n== memory of the production server (PostgreSQL) ==");
    const memory = await measureServerMemory({ app, appUrl });
    console.log("\n== first-load JavaScript per patient page ==");
    const js = await measureJs({ appUrl, resendUrl: `http://127.0.0.1:${ports.resend}`, distDir });
    console.log(`\n== Lighthouse (mobile), ${LIGHTHOUSE_RUNS} runs per page ==`);
    const lighthouse = await measureLighthouse({ appUrl, logDir });
    await stop(app);

    console.log("\n== embedded mode (PGlite) ==");
    const embedded = await measureEmbedded({ port: ports.embedded, resendPort: ports.resend, distDir, logDir });
    meta.loadEnd = loadNow();

    const json = { meta, targets: TARGETS, js, lighthouse, memory, embedded };
    writeFileSync(path.join(logDir, "pages.json"), JSON.stringify(json, null, 2));
    return { json, markdown: pagesMarkdown(json) };
  } finally {
    onInterrupt = null;
    for (const p of started.reverse()) await stop(p);
    await dropDatabase();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const logDir = path.join("bench/.work", `pages-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  const stopEverything = async (sig) => {
    console.error(`\npages: ${sig}, stopping`);
    await onInterrupt?.().catch(() => {});
    const { stopAll } = await import("./lib/procs.mjs");
    await stopAll();
    process.exit(130);
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => stopEverything(sig));
  try {
    const { markdown: md } = await benchPages({ logDir });
    console.log(`\n${md}\nlogs and raw JSON: ${logDir}`);
    process.exit(0);
  } catch (e) {
    console.error(`pages bench failed: ${e.stack ?? e.message}`);
    const { stopAll } = await import("./lib/procs.mjs");
    await stopAll();
    process.exit(1);
  }
}
