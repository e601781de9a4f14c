// Where a successful patient sign-in spends its CPU: the production build (BENCH_DIST_DIR, default .next-bench)
// on a scratch PostgreSQL database with the demo practice, 8 clients signing in with the right password (posted
// to /login/sign-in as the page does with JavaScript, bench/lib/sign-in.mjs) for SIGN_IN_MS, CPU per sign-in read from /proc. With PROFILE=1 the app runs under `node --cpu-prof`; summarise
// the profile with `node bench/summarize-cpuprofile.mjs FILE <sign-ins> --last=<ms>`. With PAGE_MS, each client
// then loads /portal signed in, as a browser reloading it does (the whole page, the session cookie renewed by the
// proxy each time), for PAGE_MS: CPU per page load.
//   node bench/profile-sign-in.mjs      Env: DATABASE_URL (admin, local), PORT (3730), CLIENTS (8), SIGN_IN_MS (10000),
//                                       PAGE_MS (0)
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { appEnv } from "./lib/app.mjs";
import { processCpuMs, threadCpuDelta, threadCpuMs } from "./lib/cpu.mjs";
import { makeAgent, send, waitForUrl } from "./lib/http.mjs";
import { closedLoop } from "./lib/load.mjs";
import { start, stopAll } from "./lib/procs.mjs";
import { withScratchPractice } from "./lib/scratch-practice.mjs";
import { loadSignInPage, postSignIn, sessionCookieFrom, signedIn } from "./lib/sign-in.mjs";
import { fmtMs, median, p99 } from "./lib/stats.mjs";

const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.PORT ?? 3730);
const CLIENTS = Number(process.env.CLIENTS ?? 8);
const SIGN_IN_MS = Number(process.env.SIGN_IN_MS ?? 10_000);
const PAGE_MS = Number(process.env.PAGE_MS ?? 0);
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
const ACCOUNTS = ["mgarcia", "sobrien", "aiko.t", "liwei84", "jlpicard", "rnguyen", "aboateng", "oivanova"];

const workDir = path.join("bench/.work", `profile-sign-in-${new Date().toISOString().replace(/[:.]/g, "-")}`);
mkdirSync(workDir, { recursive: true });
await withScratchPractice(
  { adminUrl, workDir, appUrl: `http://127.0.0.1:${PORT}` },
  async ({ databaseUrl, authSecret }) => {
    const env = {
      ...appEnv({
        port: PORT,
        resendPort: PORT + 1,
        databaseUrl,
        authSecret,
        limits: { verify: 10_000, signIn: 10_000 },
      }),
      NEXT_DIST_DIR: distDir,
      EMAIL_WORKER: "off",
    };
    const profDir = path.resolve(workDir, "cpuprofile");
    const nodeArgs = process.env.PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [];
    const app = start(
      "app",
      "node",
      [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"],
      { env, logFile: path.join(workDir, "app.log") },
    );
    await waitForUrl(`http://127.0.0.1:${PORT}/login`, { timeoutMs: 180_000, isAlive: app.alive });

    const appUrl = `http://127.0.0.1:${PORT}`;
    const agents = Array.from({ length: CLIENTS }, () => makeAgent(1));
    const pages = [];
    for (let i = 0; i < CLIENTS; i++) pages.push(await loadSignInPage(appUrl, agents[i]));
    let answer = "";
    const sessions = [];
    const request = (i, seq) =>
      postSignIn({
        appUrl,
        page: pages[i],
        username: ACCOUNTS[(i + seq) % ACCOUNTS.length],
        password: "demo-patient-password",
        agent: agents[i],
      }).then((res) => {
        const session = sessionCookieFrom(res);
        if (session) sessions[i] = session;
        answer ||= `${Buffer.byteLength(res.body)} bytes (${res.headers["content-encoding"] ?? "not compressed"}): ${res.body}`;
        return signedIn(res)
          ? { ok: true, ms: res.ms }
          : { ok: false, ms: res.ms, error: `status ${res.status}, answer ${res.body.slice(0, 120)}` };
      });
    // The first sign-in of each seeded account replaces its hash if the seed made it with other parameters.
    await closedLoop({ clients: CLIENTS, durationMs: 0, warmupMs: 4_000, request });
    const c0 = processCpuMs(app.child.pid);
    const th0 = threadCpuMs(app.child.pid, { eachThread: true });
    const t0 = Date.now();
    const r = await closedLoop({ clients: CLIENTS, durationMs: SIGN_IN_MS, request });
    const ms = Date.now() - t0;
    const cpu = (processCpuMs(app.child.pid) - c0) / r.sent;
    const threads = threadCpuDelta(th0, threadCpuMs(app.child.pid, { eachThread: true }));
    console.log(
      `${r.completed} sign-ins in ${(ms / 1000).toFixed(1)} s = ${(r.completed / (ms / 1000)).toFixed(1)}/s, ${r.errors} errors${r.firstError ? ` (${r.firstError})` : ""}; p50 ${fmtMs(median(r.latencies))}, p99 ${fmtMs(p99(r.latencies))}; app CPU ${fmtMs(cpu)} per sign-in`,
    );
    // The hashes run on libuv's pool, the request's JavaScript on the main thread, garbage collection partly on
    // V8's helpers; on Node 20 the last two are all named "node", so each thread is listed with its CPU.
    if (threads)
      console.log(
        `CPU per sign-in by thread: ${Object.entries(threads)
          .filter(([, v]) => v / r.sent >= 0.05)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${fmtMs(v / r.sent)}`)
          .join(", ")}`,
      );
    console.log(`one answer: ${answer}`);
    if (PAGE_MS) {
      const load = (i) =>
        send({
          url: `${appUrl}/portal`,
          agent: agents[i],
          headers: { Cookie: sessions[i], "Accept-Encoding": "gzip" },
        }).then((res) => {
          const renewed = (res.headers["set-cookie"] ?? []).find((c) => c.startsWith("authjs.session-token="));
          if (renewed) sessions[i] = renewed.split(";")[0];
          return res.status === 200 && renewed && res.body.length > 0
            ? { ok: true, ms: res.ms }
            : { ok: false, ms: res.ms, error: `status ${res.status}, ${renewed ? "" : "no renewed cookie"}` };
        });
      await closedLoop({ clients: CLIENTS, durationMs: 0, warmupMs: 2_000, request: load });
      const p0 = processCpuMs(app.child.pid);
      const pt = Date.now();
      const pr = await closedLoop({ clients: CLIENTS, durationMs: PAGE_MS, request: load });
      const pms = Date.now() - pt;
      console.log(
        `${pr.completed} /portal loads in ${(pms / 1000).toFixed(1)} s = ${(pr.completed / (pms / 1000)).toFixed(1)}/s, ${pr.errors} errors${pr.firstError ? ` (${pr.firstError})` : ""}; p50 ${fmtMs(median(pr.latencies))}, p99 ${fmtMs(p99(pr.latencies))}; app CPU ${fmtMs((processCpuMs(app.child.pid) - p0) / pr.sent)} per page load`,
      );
    }
    for (const a of agents) a.destroy();
    await stopAll();
    if (process.env.PROFILE)
      console.log(
        `profile: ${readdirSync(profDir)
          .map((f) => path.join(profDir, f))
          .join(", ")}; summarise with --last=${ms}`,
      );
  },
);
