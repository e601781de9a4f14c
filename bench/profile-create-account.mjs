// Side-by-side look at the create-account action's cost: one or more production builds of the app (each its own
// `next start`, EMAIL_WORKER=off so only the request path runs) and the bare baseline server, all on one scratch
// PostgreSQL database, measured in rotation (baseline, then each app, then the same in reverse) at 16 clients.
// Reports CPU milliseconds per request (from /proc, the figure other load disturbs least; by thread, and how much
// of it in the kernel), req/s, p50/p99 and
// each app's ratio to the baseline. With PROFILE=NAME, that app runs under `node --cpu-prof` and a
// separate profiling load is driven after the measurements (summarise the .cpuprofile with
// bench/summarize-cpuprofile.mjs).
//
//   node bench/profile-create-account.mjs NAME=KIND:PROJECT_DIR:DIST_DIR ...
//   e.g. before=app:/tmp/pp-before:.next-prof after=app:.:.next-prof floor=floor:bench/floor-app:.next-floor
//
// KIND "app" is this app (its /register form and requestAccountSetup); "floor" is the minimal Next.js app in
// bench/floor-app, whose action does nothing (Next's own cost per action); "floor-sql" is the same app whose
// action runs our request's statement through postgres.js, as the baseline does. "-route" after "app" or
// "floor-sql" posts the form to its route handler instead (/register/send, as our page does with JavaScript;
// the floor's /send), form-encoded, answered with JSON. PROJECT_DIR is where `next start` runs (a
// clean copy of another commit works too) and DIST_DIR its build, relative to it. "+nogzip" after KIND starts
// it with bench/no-compression.cjs preloaded (no gzip on answers, as `compress: false`), to price compression.
// Env: DATABASE_URL (admin, local), PORT_BASE (3700), CLIENTS (16), SEGMENT_MS (5000), ROUNDS (2), PROFILE (a comma list of
// names), PROFILE_MS. IDLE_MS: after the rounds, leave every process idle that long and report the CPU each spends
// meanwhile (V8's memory reducer collects garbage once a process goes quiet after load); GC_TRACE=1 starts the
// Next.js apps with --trace-gc and counts, in what they log in that window, the collections V8 made for its memory
// reducer and the milliseconds it printed for them.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { actionId, actionResult, answeredSubmitted, bodyText, loadForm, postAction } from "./lib/actions.mjs";
import { appEnv, startBaseline } from "./lib/app.mjs";
import { postFormRoute } from "./lib/form-route.mjs";
import { processCpuMs, processSystemCpuMs, threadCpuDelta, threadCpuMs } from "./lib/cpu.mjs";
import { makeAgent, waitForUrl } from "./lib/http.mjs";
import { closedLoop, combine } from "./lib/load.mjs";
import { loadNow } from "./lib/load-gate.mjs";
import { start, stop, stopAll } from "./lib/procs.mjs";
import { withScratchPractice } from "./lib/scratch-practice.mjs";
import { fmtMs, median, p99 } from "./lib/stats.mjs";
import { VERIFICATION_MIX } from "./lib/verification-mix.mjs";

const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const PORT_BASE = Number(process.env.PORT_BASE ?? 3700);
const CLIENTS = Number(process.env.CLIENTS ?? 16);
const SEGMENT_MS = Number(process.env.SEGMENT_MS ?? 5_000);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const PROFILE = (process.env.PROFILE ?? "").split(",").filter(Boolean);
const PROFILE_MS = Number(process.env.PROFILE_MS ?? 15_000);
const IDLE_MS = Number(process.env.IDLE_MS ?? 0);
const GC_TRACE = process.env.GC_TRACE === "1";
const targets = process.argv.slice(2);
if (!targets.length) throw new Error("usage: node bench/profile-create-account.mjs NAME=KIND:PROJECT_DIR:DIST_DIR ...");

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const workDir = path.join("bench/.work", `profile-${stamp}`);
mkdirSync(workDir, { recursive: true });
const MIX = VERIFICATION_MIX;

await withScratchPractice(
  { adminUrl, workDir, appUrl: `http://127.0.0.1:${PORT_BASE}` },
  async ({ databaseUrl, authSecret }) => {
    const baselinePort = PORT_BASE + 1;
    const baseline = await startBaseline({
      port: baselinePort,
      databaseUrl,
      authSecret,
      logFile: path.join(workDir, "baseline.log"),
    });
    const subjects = [
      { name: "baseline", url: `http://127.0.0.1:${baselinePort}`, pid: baseline.child.pid, baseline: true },
    ];
    let port = PORT_BASE + 2;
    for (const spec of targets) {
      const m = /^([^=]+)=(app|floor|floor-sql)(-route)?(\+nogzip)?:([^:]+):([^:]+)$/.exec(spec);
      if (!m) throw new Error(`bad target "${spec}": NAME=KIND[-route][+nogzip]:PROJECT_DIR:DIST_DIR`);
      const [, name, kind, routed, nogzip, projectDir, distDir] = m;
      const floor = kind !== "app";
      const p = port++;
      const env = {
        ...appEnv({
          port: p,
          resendPort: PORT_BASE + 19,
          databaseUrl,
          authSecret,
          limits: { verify: 10_000, signIn: 10_000 },
        }),
        NEXT_DIST_DIR: distDir,
        EMAIL_WORKER: "off",
        FLOOR_MODE: kind === "floor-sql" ? "sql" : "empty",
      };
      const profiled = PROFILE.includes(name);
      const nodeArgs = profiled ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(workDir, `cpuprofile-${name}`)}`] : [];
      if (nogzip) nodeArgs.push("-r", path.resolve("bench/no-compression.cjs"));
      if (GC_TRACE) nodeArgs.push("--trace-gc");
      const cwd = path.resolve(projectDir);
      const localNext = path.join(cwd, "node_modules/next/dist/bin/next");
      const nextBin = existsSync(localNext) ? localNext : path.resolve("node_modules/next/dist/bin/next");
      const proc = start(name, "node", [...nodeArgs, nextBin, "start", "-p", String(p), "-H", "127.0.0.1"], {
        env,
        cwd,
        logFile: path.join(workDir, `${name}.log`),
      });
      const pagePath = floor ? "/" : "/register";
      await waitForUrl(`http://127.0.0.1:${p}${pagePath}`, { timeoutMs: 180_000, isAlive: proc.alive });
      const url = `http://127.0.0.1:${p}`;
      const id = floor
        ? null
        : actionId(path.join(cwd, distDir), "app/(patient)/register/actions.ts", "requestAccountSetup");
      const route = routed ? (floor ? "/send" : "/register/send") : null;
      subjects.push({
        name,
        url,
        pid: proc.child.pid,
        floor,
        id,
        pagePath,
        route,
        proc,
        profiled,
        logFile: proc.logFile,
      });
    }

    // Every client loads the app's form once (cookies, hidden fields); the baseline gets the same body.
    const firstApp = subjects.find((s) => !s.baseline && !s.floor);
    for (const s of subjects) {
      if (s.baseline) continue;
      const agent = makeAgent(1);
      s.forms = [];
      for (let i = 0; i < CLIENTS; i++) s.forms.push(await loadForm(s.url, s.pagePath, agent));
      s.id ??= s.forms[0].boundId;
      agent.destroy();
    }
    const baselineSubject = subjects[0];
    baselineSubject.forms = firstApp.forms;
    baselineSubject.id = firstApp.id;

    const request = (s, agents) => (i, seq) => {
      s.posts = (s.posts ?? 0) + 1;
      if (s.route)
        return postFormRoute({
          appUrl: s.url,
          route: s.route,
          pagePath: s.pagePath,
          fields: MIX[(i + seq) % MIX.length](),
          cookie: s.forms[i].cookie,
          agent: agents[i],
          timeoutMs: 30_000,
        }).then((res) =>
          res.status === 200 && res.state?.result?.submitted === true
            ? { ok: true, ms: res.ms }
            : { ok: false, ms: res.ms, error: `status ${res.status}, answer ${res.body.slice(0, 120)}` },
        );
      return postAction({
        appUrl: s.url,
        form: s.forms[i],
        id: s.id,
        values: MIX[(i + seq) % MIX.length](),
        agent: agents[i],
        timeoutMs: 30_000,
      }).then((res) => {
        if (res.status !== 200) return { ok: false, ms: res.ms, error: `status ${res.status}` };
        if (!s.baseline && seq % 25 === 0) {
          if (!answeredSubmitted(bodyText(res)))
            return { ok: false, ms: res.ms, error: `unexpected answer ${JSON.stringify(actionResult(bodyText(res)))}` };
        }
        return { ok: true, ms: res.ms };
      });
    };

    const segments = new Map(
      subjects.map((s) => [s.name, { runs: [], cpuMs: 0, systemMs: 0, sent: 0, bytes: 0, threads: {} }]),
    );
    const measure = async (s, durationMs) => {
      const agents = Array.from({ length: CLIENTS }, () => makeAgent(1));
      const c0 = processCpuMs(s.pid);
      const k0 = processSystemCpuMs(s.pid);
      const t0 = threadCpuMs(s.pid);
      const r = await closedLoop({ clients: CLIENTS, durationMs, request: request(s, agents) });
      const c1 = processCpuMs(s.pid);
      const k1 = processSystemCpuMs(s.pid);
      const threads = threadCpuDelta(t0, threadCpuMs(s.pid));
      for (const a of agents) a.destroy();
      const seg = segments.get(s.name);
      seg.runs.push(r);
      seg.cpuMs += c1 - c0;
      seg.systemMs += k1 - k0;
      seg.sent += r.sent;
      for (const [name, ms] of Object.entries(threads ?? {})) seg.threads[name] = (seg.threads[name] ?? 0) + ms;
    };
    console.log(`warm-up: ${subjects.map((s) => s.name).join(", ")}`);
    for (const s of subjects) {
      const agents = Array.from({ length: CLIENTS }, () => makeAgent(1));
      await closedLoop({ clients: CLIENTS, durationMs: 0, warmupMs: 3_000, request: request(s, agents) });
      for (const a of agents) a.destroy();
    }
    const loadStart = loadNow();
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? subjects : [...subjects].reverse();
      for (const s of order) await measure(s, SEGMENT_MS);
    }
    const loadEnd = loadNow();

    const out = {
      clients: CLIENTS,
      segmentMs: SEGMENT_MS,
      rounds: ROUNDS,
      load: { start: loadStart, end: loadEnd },
      subjects: {},
    };
    const base = combine(segments.get("baseline").runs);
    console.log(
      `\n${CLIENTS} clients, ${ROUNDS} rounds of ${SEGMENT_MS / 1000} s; load ${loadStart.join(" / ")} -> ${loadEnd.join(" / ")}`,
    );
    for (const s of subjects) {
      const seg = segments.get(s.name);
      const c = combine(seg.runs);
      const row = {
        rps: c.rps,
        p50: median(c.latencies),
        p99: p99(c.latencies),
        completed: c.completed,
        errors: c.errors,
        firstError: c.firstError,
        segmentRps: c.segmentRps,
        cpuMsPerRequest: seg.cpuMs / seg.sent,
        systemCpuMsPerRequest: seg.systemMs / seg.sent,
        threadCpuMsPerRequest: Object.fromEntries(
          Object.entries(seg.threads)
            .filter(([, ms]) => ms > 0)
            .map(([name, ms]) => [name, ms / seg.sent]),
        ),
        ratio: c.rps / base.rps,
      };
      out.subjects[s.name] = row;
      console.log(
        `  ${s.name.padEnd(22)} ${row.rps.toFixed(1).padStart(7)} req/s  p50 ${fmtMs(row.p50).padStart(9)}  p99 ${fmtMs(row.p99).padStart(9)}  CPU ${fmtMs(row.cpuMsPerRequest).padStart(9)}/req  ratio ${row.ratio.toFixed(2)}  (${row.completed} ok, ${row.errors} errors${row.firstError ? `: ${row.firstError}` : ""}; segments ${row.segmentRps.join(" / ")})`,
      );
      const threads = Object.entries(row.threadCpuMsPerRequest).sort((a, b) => b[1] - a[1]);
      console.log(
        `  ${"".padEnd(22)} CPU by thread: ${threads.map(([n, ms]) => `${n} ${fmtMs(ms)}`).join(", ")}; in the kernel ${fmtMs(row.systemCpuMsPerRequest)}`,
      );
    }

    if (IDLE_MS > 0) out.idle = await idleAfterLoad(subjects);

    // Each profiled subject gets its own profiling load, in turn, so their profiles cover the same kind of minute.
    const profiled = subjects.filter((s) => s.profiled);
    out.profiles = {};
    for (const p of profiled) {
      console.log(`\nprofiling load on ${p.name}: ${PROFILE_MS / 1000} s`);
      await measure(p, PROFILE_MS);
      out.profiles[p.name] = { requests: segments.get(p.name).runs.at(-1).sent, postsInAll: p.posts };
      // Stopped now, so its profile ends with its own profiling load (what --last picks).
      await stop(p.proc);
    }
    writeFileSync(path.join(workDir, "result.json"), JSON.stringify(out, null, 2));
    await stopAll();
    for (const p of profiled) {
      const dir = path.join(workDir, `cpuprofile-${p.name}`);
      console.log(
        `cpu profile of ${p.name}: ${readdirSync(dir)
          .map((f) => path.join(dir, f))
          .join(
            ", ",
          )} (${out.profiles[p.name].postsInAll} action posts in all, ${out.profiles[p.name].requests} of them in the profiling load, and ${CLIENTS} page loads); summarise with --last=${PROFILE_MS}`,
      );
    }
    console.log(`results: ${workDir}/result.json`);
  },
);

/**
 * Every process left idle for IDLE_MS after the load: the CPU each spends (by thread), and with GC_TRACE the
 * collections its log says V8 made for the memory reducer in that window, with the pause and incremental-step
 * milliseconds printed for them.
 */
async function idleAfterLoad(subjects) {
  const before = subjects.map((s) => ({
    cpu: processCpuMs(s.pid),
    threads: threadCpuMs(s.pid),
    logBytes: s.logFile ? statSync(s.logFile).size : 0,
  }));
  console.log(`\nidle after the load: ${IDLE_MS / 1000} s`);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const idle = {};
  subjects.forEach((s, i) => {
    const threads = threadCpuDelta(before[i].threads, threadCpuMs(s.pid)) ?? {};
    const row = { cpuMs: processCpuMs(s.pid) - before[i].cpu, threads };
    if (GC_TRACE && s.logFile) {
      const lines = readFileSync(s.logFile).subarray(before[i].logBytes).toString("utf8").split("\n");
      // V8 marks the collections its memory reducer asks for "(reduce)".
      const reducer = lines.filter((l) => /Mark-Compact \(reduce\)|memory reducer/.test(l));
      // "..., 8.04 / 0.02 ms  (+ 9.0 ms in 67 steps ...": the pause, then the incremental marking before it.
      const printedMs = (l) =>
        Number(/MB, ([0-9.]+) \//.exec(l)?.[1] ?? 0) + Number(/\(\+ ([0-9.]+) ms in/.exec(l)?.[1] ?? 0);
      row.gcLines = lines.filter((l) => /: (Scavenge|Mark-Compact|Mark-Sweep|Minor)/.test(l)).length;
      row.memoryReducer = { collections: reducer.length, printedMs: reducer.reduce((n, l) => n + printedMs(l), 0) };
    }
    idle[s.name] = row;
    const gc = row.memoryReducer
      ? `; memory reducer: ${row.memoryReducer.collections} collections, ${fmtMs(row.memoryReducer.printedMs)} printed (${row.gcLines} GC lines in all)`
      : "";
    console.log(
      `  ${s.name.padEnd(22)} CPU ${fmtMs(row.cpuMs)} (${Object.entries(threads)
        .filter(([, ms]) => ms > 0)
        .map(([n, ms]) => `${n} ${fmtMs(ms)}`)
        .join(", ")})${gc}`,
    );
  });
  return idle;
}
