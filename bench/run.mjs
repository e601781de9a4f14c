// `npm run bench`: the benchmark suite (never part of `npm test`). Builds the app into .next-bench if needed,
// makes a scratch PostgreSQL database with the demo practice and a duplicate chart, starts the fake Resend, the
// production app and the bare baseline server, waits for a quiet machine, runs bench/timing.mjs and
// bench/throughput.mjs, writes bench/RESULTS.md, and stops and drops everything it started, whatever happens.
//
// DATABASE_URL: an admin connection to a local PostgreSQL (default postgres://postgres@127.0.0.1:5432/postgres).
// BENCH_BUILD=1 forces a fresh build. BENCH_SKIP_LOAD_GATE=1 measures without waiting for a quiet machine.
// BENCH_STARTS (3): how many fresh starts each throughput phase measures. Every variable: bench/README.md.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { assertLocalDatabase, createScratchDatabase } from "../test-kit/scratch-database.mjs";
import { appEnv, DIST_DIR, startApp, startBaseline, startFakeResend } from "./lib/app.mjs";
import { buildInto, newestMtime } from "./lib/build.mjs";
import { buildPeerAndFloor, startFloorSql, startPeer } from "./lib/peer.mjs";
import { startForwardingProxy } from "./lib/forwarding-proxy.mjs";
import { benchSecondFactors } from "./second-factors.mjs";
import { benchStaffList } from "./staff-list.mjs";
import { benchBulkInvitations } from "./bulk-invitations.mjs";
import { benchLighthouse } from "./lighthouse.mjs";
import { benchPages } from "./pages.mjs";
import { waitForQuiet, loadNow } from "./lib/load-gate.mjs";
import { run, stop, stopAll } from "./lib/procs.mjs";
import { cliEnv, seedDemoPractice } from "./lib/scratch-practice.mjs";
import { mergeStarts } from "./lib/merge-starts.mjs";
import { writeResults } from "./lib/report.mjs";

const WORK = "bench/.work";
const PORTS = {
  app: 3510,
  resend: 3511,
  baseline: 3512,
  forwarder: 3513,
  second: 3514,
  balancer: 3515,
  peer: 3516,
  floor: 3517,
};
// High enough that no measured request is ever turned away (the app accepts at most 10,000); the flood in
// throughput (c) runs against a second start with the limits unset.
const RAISED_LIMITS = { verify: 10_000, signIn: 10_000 };
const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

mkdirSync(WORK, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const logDir = path.join(WORK, `logs-${stamp}`);
// Made here: an up-to-date build skips the step that used to make it.
mkdirSync(logDir, { recursive: true });
const cleanups = [];
let cleaning;

/** Stops what the bench started and drops its database; every caller waits for the same single pass. */
function cleanup() {
  cleaning ??= (async () => {
    await stopAll();
    while (cleanups.length) {
      const fn = cleanups.pop();
      await fn().catch((e) => console.error(`bench cleanup: ${e.message}`));
    }
  })();
  return cleaning;
}
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, async () => {
    console.error(`\nbench: ${sig}, cleaning up`);
    await cleanup();
    process.exit(130);
  });
}

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

/** Newest modification time under the paths that go into the build. */
const newestSource = () =>
  newestMtime([
    "app",
    "lib",
    "db",
    "messages",
    "proxy.ts",
    "instrumentation.ts",
    "next.config.js",
    "package-lock.json",
    "tsconfig.json",
  ]);

async function buildIfNeeded() {
  const buildId = path.join(DIST_DIR, "BUILD_ID");
  const stale = !existsSync(buildId) || statSync(buildId).mtimeMs < newestSource();
  if (!stale && process.env.BENCH_BUILD !== "1") {
    console.log(`build: ${DIST_DIR} is up to date (${readFileSync(buildId, "utf8").trim()})`);
    return;
  }
  console.log(`build: npx next build into ${DIST_DIR} (log: ${logDir}/build.log)`);
  await buildInto({ distDir: DIST_DIR, logFile: path.join(logDir, "build.log") });
}

// BENCH_ONLY=timing,throughput,worker-off,flood,two-instances,staff-list,second-factors,bulk-invitations,pages,lighthouse
// runs just those.
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(",").map((s) => s.trim()) : null;
const want = (name) => !only || only.includes(name);
// How many times each throughput phase starts its processes afresh and measures them (bench/lib/merge-starts.mjs).
const STARTS = Math.max(1, Number(process.env.BENCH_STARTS ?? 3));

async function main() {
  assertLocalDatabase(adminUrl);
  for (const [what, port] of Object.entries(PORTS)) {
    if (!(await portFree(port))) throw new Error(`port ${port} (${what}) is in use: is another bench running?`);
  }
  console.log(`bench: logs in ${logDir}`);
  await buildIfNeeded();
  // The peer (Better Auth in Next.js) and the floor app doing our SQL run beside the app in the throughput phases.
  const withPeer = want("throughput") || want("worker-off");
  if (withPeer) await buildPeerAndFloor({ logDir });
  // What was measured: the commit and working tree the build came from (others may commit during the run).
  const git = (args) => {
    try {
      return execFileSync("git", args, { encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  };
  const meta = {
    startedAt: new Date().toISOString(),
    commit: git(["rev-parse", "--short", "HEAD"]) || "unknown",
    uncommitted: git(["status", "--porcelain"]).split("\n").filter(Boolean).length,
    buildId: readFileSync(path.join(DIST_DIR, "BUILD_ID"), "utf8").trim(),
  };
  writeFileSync(path.join(logDir, "meta.json"), JSON.stringify(meta, null, 2));

  // Scratch database, dropped at the end.
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const [{ server_version: postgresVersion }] = await admin`show server_version`;
  await admin.end({ timeout: 5 });
  const scratch = await createScratchDatabase(adminUrl, "pp_bench");
  cleanups.push(async () => {
    await scratch.drop();
    console.log(`bench: dropped database ${scratch.name}`);
  });
  const databaseUrl = scratch.url;
  const authSecret = randomBytes(32).toString("base64url");
  console.log(`bench: scratch database ${scratch.name}`);

  // The demo practice, then a second chart with Kwame Asante's very details (the "ambiguous" outcome).
  const appUrl = `http://127.0.0.1:${PORTS.app}`;
  await seedDemoPractice({ databaseUrl, authSecret, appUrl, logFile: path.join(logDir, "seed.log") });
  await run(
    "import",
    "node",
    [
      "node_modules/tsx/dist/cli.mjs",
      "--conditions=react-server",
      "scripts/import.ts",
      "bench/fixtures/duplicate-chart.csv",
    ],
    {
      env: cliEnv({ databaseUrl, authSecret, appUrl }),
      logFile: path.join(logDir, "import.log"),
    },
  );
  console.log("bench: demo practice seeded, duplicate chart imported");

  await startFakeResend({ port: PORTS.resend, logFile: path.join(logDir, "fake-resend.log") });
  // The fake Resend has no rate limit, and the one the app keeps to by default (2 requests a second, Resend's
  // own) would hold its worker back: every pass ends with a paced send, so an inline worker would match 40
  // requests a second and leave most of a segment's work for after it (cheap figures, and a backlog that spills
  // into the next subject's segment). At the highest rate the app takes, the worker works at CPU speed, and what
  // it costs lands in the segments it belongs to. bench/bulk-invitations.mjs keeps the real limit: it measures it.
  const env = {
    ...appEnv({ port: PORTS.app, resendPort: PORTS.resend, databaseUrl, authSecret, limits: RAISED_LIMITS }),
    RESEND_REQUESTS_PER_SECOND: "100",
  };
  let app = await startApp({ name: "app", port: PORTS.app, env, logFile: path.join(logDir, "app.log") });
  let baseline = await startBaseline({
    port: PORTS.baseline,
    databaseUrl,
    authSecret,
    logFile: path.join(logDir, "baseline.log"),
  });
  console.log(
    `bench: app on :${PORTS.app} (per-address limits ${RAISED_LIMITS.verify}), fake Resend on :${PORTS.resend}, baseline on :${PORTS.baseline}`,
  );
  let peer = null;
  let floor = null;
  if (withPeer) {
    peer = await startPeer({ adminUrl, port: PORTS.peer, logDir });
    cleanups.push(async () => {
      await peer.drop();
      console.log("bench: dropped the peer's database");
    });
    console.log(
      `bench: peer (Better Auth in Next.js, own database, its users signed up through it) on :${PORTS.peer}; the floor app (FLOOR_MODE=sql, :${PORTS.floor}) starts with each throughput phase`,
    );
  }

  const gates = {};
  const gate = async (name) => {
    if (process.env.BENCH_SKIP_LOAD_GATE === "1") {
      gates[name] = { met: false, skipped: true, waitedS: 0, load: loadNow() };
    } else {
      console.log(
        `\nload gate before ${name}: waiting (up to ${process.env.BENCH_LOAD_GATE_MINUTES ?? 10} minutes) for a 1-minute load average below 1.5`,
      );
      gates[name] = await waitForQuiet({
        threshold: 1.5,
        maxMs: Number(process.env.BENCH_LOAD_GATE_MINUTES ?? 10) * 60_000,
      });
      console.log(
        `load gate: ${gates[name].met ? "met" : "NOT met"} after ${gates[name].waitedS} s; load ${gates[name].load.join(" / ")}`,
      );
    }
    writeFileSync(path.join(logDir, "gates.json"), JSON.stringify({ ...gates, postgresVersion }, null, 2));
  };
  const script = (name, file, extraEnv) =>
    run(name, "node", [file], {
      env: {
        ...process.env,
        BENCH_APP_URL: `http://127.0.0.1:${PORTS.app}`,
        BENCH_BASELINE_URL: `http://127.0.0.1:${PORTS.baseline}`,
        BENCH_DATABASE_URL: databaseUrl,
        BENCH_DIST_DIR: DIST_DIR,
        ...extraEnv,
      },
      logFile: path.join(logDir, `${name}.log`),
      timeoutMs: 60 * 60_000,
      echo: true,
    });

  const timingOut = path.join(logDir, "timing.json");
  const throughputOut = path.join(logDir, "throughput.json");
  const floodOut = path.join(logDir, "flood.json");
  const pathOnlyOut = path.join(logDir, "throughput-worker-off.json");

  if (want("timing")) {
    await gate("timing");
    console.log("\n== timing (bench/timing.mjs) ==");
    await script("timing", "bench/timing.mjs", { BENCH_OUT: timingOut });
  }

  // Every process a throughput phase compares starts fresh with it, so none has had more requests to warm its
  // compiler and none carries more heap from an earlier phase: ours had served the timing phase while the peer and
  // the floor had served nothing, and with the worker off the peer and the floor had served a whole phase while
  // ours had just started, which moved ours ÷ floor from 1.3 to 0.7 between the two phases.
  const startFresh = async (phase, appEnvFor) => {
    await stop(app);
    await stop(baseline);
    app = await startApp({
      name: `app-${phase}`,
      port: PORTS.app,
      env: appEnvFor,
      logFile: path.join(logDir, `app-${phase}.log`),
    });
    baseline = await startBaseline({
      port: PORTS.baseline,
      databaseUrl,
      authSecret,
      logFile: path.join(logDir, `baseline-${phase}.log`),
    });
    if (!withPeer) return {};
    await peer.restart(`peer-${phase}.log`);
    if (floor) await stop(floor.proc);
    floor = await startFloorSql({
      port: PORTS.floor,
      resendPort: PORTS.resend,
      databaseUrl,
      authSecret,
      logDir,
      logName: `floor-sql-${phase}.log`,
    });
    return {
      BENCH_PEER_URL: peer.url,
      BENCH_PEER_PID: String(peer.proc.child.pid),
      BENCH_PEER_DATABASE_URL: peer.databaseUrl,
      BENCH_FLOOR_URL: floor.url,
      BENCH_FLOOR_PID: String(floor.proc.child.pid),
    };
  };

  // A throughput phase over BENCH_STARTS fresh starts of every process (3 by default): part (a) with each start,
  // the phase's other parts with the last one; bench/lib/merge-starts.mjs makes one result of them.
  const throughputPhase = async ({ phase, title, appEnvFor, out, parts, extraEnv = {} }) => {
    const results = [];
    for (let k = 1; k <= STARTS; k++) {
      const label = STARTS > 1 ? `${phase}-${k}` : phase;
      console.log(`\n== ${title}, start ${k} of ${STARTS}: starting the app, baseline, peer and floor afresh ==`);
      const peerEnv = await startFresh(label, appEnvFor);
      await gate(label);
      const file = STARTS > 1 ? path.join(logDir, `${label}.json`) : out;
      await script(label, "bench/throughput.mjs", {
        BENCH_OUT: file,
        BENCH_PARTS: k === STARTS ? parts : "a",
        BENCH_APP_PID: String(app.child.pid),
        BENCH_BASELINE_PID: String(baseline.child.pid),
        ...extraEnv,
        ...peerEnv,
      });
      results.push(JSON.parse(readFileSync(file, "utf8")));
    }
    writeFileSync(out, JSON.stringify(mergeStarts(results), null, 2));
  };

  if (want("throughput"))
    await throughputPhase({
      phase: "throughput",
      title: "throughput (bench/throughput.mjs a, b)",
      appEnvFor: env,
      out: throughputOut,
      parts: "a,b",
    });

  // (a) again with the app's worker switched off (EMAIL_WORKER=off, as for a separate `npm run worker`): the
  // request path alone, which is exactly what the baseline does.
  if (want("worker-off"))
    await throughputPhase({
      phase: "worker-off",
      title: "throughput (bench/throughput.mjs a) with EMAIL_WORKER=off",
      appEnvFor: { ...env, EMAIL_WORKER: "off" },
      out: pathOnlyOut,
      parts: "a",
      extraEnv: { BENCH_NO_WORKER: "1" },
    });

  // (c) needs the app as it ships: per-address limits unset (20 sign-ins per 5 minutes).
  await stop(baseline);
  await stop(app);
  if (peer) await stop(peer.proc);
  if (floor) await stop(floor.proc);
  if (want("flood")) {
    console.log(`\n== flood (bench/throughput.mjs c): restarting the app with the default per-address limits ==`);
    app = await startApp({
      name: "app-default-limits",
      port: PORTS.app,
      env: appEnv({ port: PORTS.app, resendPort: PORTS.resend, databaseUrl, authSecret, limits: null }),
      logFile: path.join(logDir, "app-default-limits.log"),
    });
    await gate("flood");
    await script("flood", "bench/throughput.mjs", {
      BENCH_OUT: floodOut,
      BENCH_PARTS: "c",
      BENCH_APP_PID: String(app.child.pid),
      BENCH_PROXY_PORT: String(PORTS.forwarder),
    });
    await stop(app);
  }

  // Two instances behind a round-robin proxy, which is their public address (APP_URL). Workers off for the
  // scaling comparison (the request path only), then the default limits for the cross-instance limit check.
  const twoOut = path.join(logDir, "two-instances.json");
  const twoLimitsOut = path.join(logDir, "two-instances-limits.json");
  if (want("two-instances")) {
    console.log(
      `\n== two instances (bench/two-instances.mjs): :${PORTS.app} and :${PORTS.second} behind :${PORTS.balancer} ==`,
    );
    const balancer = await startForwardingProxy({
      port: PORTS.balancer,
      targets: [`http://127.0.0.1:${PORTS.app}`, `http://127.0.0.1:${PORTS.second}`],
    });
    cleanups.push(() => balancer.close());
    const startPair = async (limits, extra, label) => {
      const pairEnv = (port) => ({
        ...appEnv({ port, resendPort: PORTS.resend, databaseUrl, authSecret, limits }),
        RESEND_REQUESTS_PER_SECOND: "100",
        APP_URL: balancer.url,
        ...extra,
      });
      return Promise.all([
        startApp({
          name: `${label}-a`,
          port: PORTS.app,
          env: pairEnv(PORTS.app),
          logFile: path.join(logDir, `${label}-a.log`),
        }),
        startApp({
          name: `${label}-b`,
          port: PORTS.second,
          env: pairEnv(PORTS.second),
          logFile: path.join(logDir, `${label}-b.log`),
        }),
      ]);
    };
    const twoEnv = { BENCH_PUBLIC_URL: balancer.url, BENCH_DIRECT_URL: `http://127.0.0.1:${PORTS.app}` };
    let pair = await startPair(RAISED_LIMITS, { EMAIL_WORKER: "off" }, "pair-scale");
    await gate("two-instances");
    await script("two-instances", "bench/two-instances.mjs", { ...twoEnv, BENCH_PARTS: "scale", BENCH_OUT: twoOut });
    await Promise.all(pair.map((p) => stop(p)));
    pair = await startPair(null, {}, "pair-limits");
    await script("two-instances-limits", "bench/two-instances.mjs", {
      ...twoEnv,
      BENCH_PARTS: "limits",
      BENCH_OUT: twoLimitsOut,
    });
    await Promise.all(pair.map((p) => stop(p)));
  }

  // Phases with databases and servers of their own; each renders its own section of RESULTS.md.
  const sections = [];
  const phase = async (name, fn) => {
    if (!want(name)) return;
    await gate(name);
    console.log(`\n== ${name} ==`);
    const { json, markdown } = await fn();
    writeFileSync(path.join(logDir, `${name}.json`), JSON.stringify(json, null, 2));
    writeFileSync(path.join(logDir, `${name}.md`), markdown);
    sections.push(markdown);
  };
  await phase("staff-list", () => benchStaffList({ adminUrl, logDir }));
  await phase("second-factors", () => benchSecondFactors({ adminUrl, logDir }));
  await phase("bulk-invitations", () => benchBulkInvitations({ adminUrl, logDir }));
  await phase("pages", () => benchPages({ logDir, adminUrl }));
  await phase("lighthouse", () => benchLighthouse({ logDir, adminUrl }));

  if (only) {
    // A partial run: copy its JSON and .md files into a full run's folder and re-render that with
    // `node bench/lib/report.mjs <folder>`.
    console.log(`\nbench: partial run (${only.join(", ")}); files in ${logDir}, RESULTS.md left as it was`);
    return;
  }
  const file = writeResults({
    timing: JSON.parse(readFileSync(timingOut, "utf8")),
    throughput: JSON.parse(readFileSync(throughputOut, "utf8")),
    pathOnly: JSON.parse(readFileSync(pathOnlyOut, "utf8")),
    flood: JSON.parse(readFileSync(floodOut, "utf8")),
    twoInstances: { ...JSON.parse(readFileSync(twoOut, "utf8")), ...JSON.parse(readFileSync(twoLimitsOut, "utf8")) },
    sections,
    gates,
    postgresVersion,
    meta,
    logDir,
  });
  console.log(`\nbench: results in ${file}`);
}

let code = 0;
try {
  await main();
} catch (e) {
  console.error(`bench failed: ${e.stack ?? e.message}`);
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
