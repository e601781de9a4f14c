// Throughput and the per-address limiter, against a baseline or condition measured in the same run.
//   (a) create account at 16 and 64 clients (posted to /register/send as the page does with JavaScript, and to
//       its server action as without) vs the bare baseline server doing the same SQL, the peer's password-reset
//       request (existing and unknown email) and the floor app doing our SQL in a route and in an action
//       (rotation, then reverse)
//   (b) patient sign-in with the right password vs the hashing limit: cores / time of one Argon2id verification,
//       and vs cores verifications at a time on a quiet app; the peer's sign-in vs its own scrypt limit
//   (c) a flood of bad sign-ins from one address against an app with the default limit (20 / 5 min / address):
//       how many reach the hasher (each hashed failure writes one "patient.sign_in_failed" audit event)
// Run by bench/run.mjs (which starts the app instances and the baseline); BENCH_PARTS picks the parts.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { writeFileSync } from "node:fs";
import { verify } from "@node-rs/argon2";
import { actionId, answeredSubmitted, bodyText, loadForm, postAction } from "./lib/actions.mjs";
import { postFormRoute } from "./lib/form-route.mjs";
import { loadSignInPage, postSignIn, signedIn } from "./lib/sign-in.mjs";
import { processCpuMs, splitHashingThreads, threadCpuDelta, threadCpuMs } from "./lib/cpu.mjs";
import {
  connect,
  discardPendingVerifications,
  rateLimitedVerifications,
  resetRateLimits,
  waitForIdleWorker,
} from "./lib/db.mjs";
import { makeAgent } from "./lib/http.mjs";
import { startForwardingProxy } from "./lib/forwarding-proxy.mjs";
import { PEER_ACCOUNTS, PEER_PASSWORD, peerRequests, peerVerifyPassword } from "./lib/peer.mjs";
import { VERIFICATION_MIX } from "./lib/verification-mix.mjs";
import { closedLoop, combine } from "./lib/load.mjs";
import { loadNow } from "./lib/load-gate.mjs";
import { fmtMs, median, p99 } from "./lib/stats.mjs";

const appUrl = process.env.BENCH_APP_URL ?? "http://127.0.0.1:3510";
const baselineUrl = process.env.BENCH_BASELINE_URL ?? "http://127.0.0.1:3512";
const databaseUrl = process.env.BENCH_DATABASE_URL;
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
const parts = (process.env.BENCH_PARTS ?? "a,b").split(",");
const out = process.env.BENCH_OUT ?? "bench/.work/throughput.json";
const SEGMENT_MS = Number(process.env.BENCH_SEGMENT_MS ?? 5_000);
const SIGN_IN_MS = Number(process.env.BENCH_SIGN_IN_MS ?? 10_000);
// Every subject of (a) gets the same unrecorded warm-up before the first segment: each process starts fresh with
// the phase (bench/run.mjs), and a few thousand requests let V8 compile the hot path of each alike.
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 5_000);
// And just before each measured segment, an unrecorded run of the same subject: in the rotation one process idles
// for a few seconds before its segment and another for forty (ours, whose two segments are second and next to
// last), and a Next.js process comes back from a long idle slower (V8 shrinks its heap and drops code it has not
// run). With this run every segment starts from a process that was just busy.
const PREWARM_MS = Number(process.env.BENCH_PREWARM_MS ?? 2_000);
const FLOOD_REQUESTS = Number(process.env.BENCH_FLOOD_REQUESTS ?? 2_000);
const FLOOD_MS = Number(process.env.BENCH_FLOOD_MS ?? 90_000);
const PROXY_PORT = Number(process.env.BENCH_PROXY_PORT ?? 3513);
const DEFAULT_SIGN_IN_LIMIT = 20; // lib/config/env.ts, per address per 5 minutes
const appPid = Number(process.env.BENCH_APP_PID) || null;
const baselinePid = Number(process.env.BENCH_BASELINE_PID) || null;
// The peer (bench/peer-app, Better Auth in Next.js, its own database) and the floor app doing our SQL; both optional.
const peerUrl = process.env.BENCH_PEER_URL || null;
const peerPid = Number(process.env.BENCH_PEER_PID) || null;
const peerDatabaseUrl = process.env.BENCH_PEER_DATABASE_URL || null;
const floorUrl = process.env.BENCH_FLOOR_URL || null;
const floorPid = Number(process.env.BENCH_FLOOR_PID) || null;
// Before the "cores verifications at a time" figure: a pause so the load before it has died down.
const QUIET_PAUSE_MS = Number(process.env.BENCH_QUIET_PAUSE_MS ?? 10_000);
// The app runs with EMAIL_WORKER=off: nobody matches the recorded requests, so there is nothing to wait for.
const noWorker = process.env.BENCH_NO_WORKER === "1";
if (!databaseUrl) throw new Error("BENCH_DATABASE_URL is required");

const sql = connect(databaseUrl);
const hex = (n) => randomBytes(n).toString("hex");
const cores = os.availableParallelism?.() ?? os.cpus().length;
const SIGN_IN_MESSAGE =
  "Username or password is not right. Check them and try again, or use the links below if you forgot them.";

const summarize = (r) => ({
  clients: r.clients,
  seconds: r.seconds,
  completed: r.completed,
  errors: r.errors,
  firstError: r.firstError,
  rps: r.rps,
  p50: median(r.latencies),
  p99: p99(r.latencies),
  ...(r.segmentRps ? { segmentRps: r.segmentRps } : {}),
});
const line = (name, s) =>
  `    ${name.padEnd(9)} ${s.rps.toFixed(1).padStart(7)} req/s  p50 ${fmtMs(s.p50).padStart(9)}  p99 ${fmtMs(s.p99).padStart(9)}  (${s.completed} ok, ${s.errors} errors${s.firstError ? ` (first: ${s.firstError})` : ""}${s.segmentRps ? `, segments ${s.segmentRps.join(" / ")}` : ""})`;

// ---------------------------------------------------------------------------------------------------------
// (a) create account vs the bare baseline, the peer's password-reset request and the floor app doing our SQL

const MIX = VERIFICATION_MIX;

/** Whether a create-account answer (ours or the floor's) is right: status 200, and one in 25 decoded and checked. */
const checkAction = (seq) => (res) => {
  if (res.status !== 200)
    return { ok: false, ms: res.ms, error: `status ${res.status}: ${bodyText(res).slice(0, 160)}` };
  // Reading every answer would load the client: one in 25 is decoded and checked.
  if (seq % 25 === 0 && !answeredSubmitted(bodyText(res)))
    return { ok: false, ms: res.ms, error: `unexpected answer: ${bodyText(res).slice(0, 160)}` };
  return { ok: true, ms: res.ms };
};

/** Whether a form route's answer (ours or the floor's) is right: status 200 and `{"result":{"submitted":true}}`. */
const checkRoute = (res) =>
  res.status === 200 && res.state?.result?.submitted === true
    ? { ok: true, ms: res.ms }
    : { ok: false, ms: res.ms, error: `status ${res.status}: ${res.body.slice(0, 160)}` };

/** Client i's request maker for a form posted to its route (as a page with JavaScript does), answer checked. */
const viaRoute = (url, route, pagePath, forms) => (agents) => (i, seq) =>
  postFormRoute({
    appUrl: url,
    route,
    pagePath,
    fields: MIX[(i + seq) % MIX.length](),
    cookie: forms[i].cookie,
    agent: agents[i],
    timeoutMs: 30_000,
  }).then(checkRoute);

/** The same for a form posted to its server action `id(i)`, one answer in 25 decoded and checked. */
const viaAction = (url, forms, id) => (agents) => (i, seq) =>
  postAction({
    appUrl: url,
    form: forms[i],
    id: id(i),
    values: MIX[(i + seq) % MIX.length](),
    agent: agents[i],
    timeoutMs: 30_000,
  }).then(checkAction(seq));

async function createAccountThroughput() {
  const id = actionId(distDir, "app/(patient)/register/actions.ts", "requestAccountSetup");
  const peer = peerUrl ? peerRequests(peerUrl) : null;
  const results = {};
  for (const clients of [16, 64]) {
    const forms = [];
    const formAgent = makeAgent(1);
    for (let i = 0; i < clients; i++) forms.push(await loadForm(appUrl, "/register", formAgent));
    const floorForms = [];
    if (floorUrl) for (let i = 0; i < clients; i++) floorForms.push(await loadForm(floorUrl, "/", formAgent));
    formAgent.destroy();
    // Each subject: its process (for CPU) and its request maker over one connection per client.
    const subjects = [
      {
        name: "baseline",
        pid: baselinePid,
        request: (agents) => (i, seq) =>
          postAction({
            appUrl: baselineUrl,
            form: forms[i],
            id,
            values: MIX[(i + seq) % MIX.length](),
            agent: agents[i],
            timeoutMs: 30_000,
          }).then((res) =>
            res.status === 200 ? { ok: true, ms: res.ms } : { ok: false, ms: res.ms, error: `status ${res.status}` },
          ),
      },
      { name: "app", ours: true, pid: appPid, request: viaRoute(appUrl, "/register/send", "/register", forms) },
      // The same form posted to its server action, as a page without JavaScript does.
      { name: "appAction", ours: true, pid: appPid, request: viaAction(appUrl, forms, () => id) },
    ];
    if (peer) {
      subjects.push({ name: "peerExisting", pid: peerPid, request: peer.resetExisting });
      subjects.push({ name: "peerUnknown", pid: peerPid, request: peer.resetUnknown });
    }
    if (floorUrl) {
      subjects.push({ name: "floorSqlRoute", pid: floorPid, request: viaRoute(floorUrl, "/send", "/", floorForms) });
      subjects.push({
        name: "floorSql",
        pid: floorPid,
        request: viaAction(floorUrl, floorForms, (i) => floorForms[i].boundId),
      });
    }
    // CPU used by each subject's process (ours: the action and its inline worker), per segment.
    const cpu = Object.fromEntries(subjects.map((s) => [s.name, { ms: 0, requests: 0 }]));
    const runs = Object.fromEntries(subjects.map((s) => [s.name, []]));
    const segment = async (subject) => {
      await resetRateLimits(sql);
      // Said when it happens: the segment then shares the machine with the work of the one before.
      if (!noWorker && !(await waitForIdleWorker(sql, 120_000)))
        console.log(`    (our worker was still busy 120 s after the last segment, before ${subject.name}'s)`);
      // Fresh connections for every segment: a keep-alive socket left idle while the others were measured can be
      // closed by the server just as it is reused (ECONNRESET), which is the client's problem, not the server's.
      const agents = Array.from({ length: clients }, () => makeAgent(1));
      if (PREWARM_MS > 0) {
        await closedLoop({ clients, durationMs: 0, warmupMs: PREWARM_MS, request: subject.request(agents) });
        // What it recorded is measured nowhere: not for our worker to pick up during the segment.
        await discardPendingVerifications(sql);
        await resetRateLimits(sql);
      }
      const limited0 = await rateLimitedVerifications(sql);
      const c0 = processCpuMs(subject.pid);
      const r = await closedLoop({ clients, durationMs: SEGMENT_MS, request: subject.request(agents) });
      const c1 = processCpuMs(subject.pid);
      for (const a of agents) a.destroy();
      // The baseline and the floor record requests in our database too; our inline worker would then match and
      // answer them, work that belongs to no subject of ours and that could spill into the next segment.
      if (!subject.ours) await discardPendingVerifications(sql);
      // A request over the per-address limit does the same statements minus the seal: say so if any were.
      const limited = (await rateLimitedVerifications(sql)) - limited0;
      if (limited)
        console.log(`    (${subject.name} segment: ${limited} of ${r.sent} requests went over the per-address limit)`);
      if (c0 !== null && c1 !== null) {
        cpu[subject.name].ms += c1 - c0;
        cpu[subject.name].requests += r.sent;
      }
      runs[subject.name].push(r);
    };
    const order = [...subjects, ...[...subjects].reverse()];
    console.log(
      `  ${clients} clients: warm-up, then ${order.map((s) => s.name).join(" / ")}, ${SEGMENT_MS / 1000} s each`,
    );
    const load = { start: loadNow() };
    for (const s of subjects) {
      // Counters left by the segment or warm-up before would push this one over the per-address limit, and it
      // would warm the limited path instead of the one measured.
      await resetRateLimits(sql);
      const agents = Array.from({ length: clients }, () => makeAgent(1));
      await closedLoop({
        clients,
        durationMs: 0,
        warmupMs: WARMUP_MS,
        request: s.request(agents),
      });
      for (const a of agents) a.destroy();
    }
    // What the warm-ups recorded is measured nowhere; left pending, it would keep our inline worker busy into
    // the first segments.
    await discardPendingVerifications(sql);
    for (const s of order) await segment(s);
    load.end = loadNow();
    const perRequest = (c) => (c.requests ? c.ms / c.requests : null);
    const row = { load };
    for (const s of subjects) {
      row[s.name] = summarize(combine(runs[s.name]));
      row[s.name].cpuMsPerRequest = perRequest(cpu[s.name]);
    }
    const { app, baseline } = row;
    row.ratio = app.rps / baseline.rps;
    row.ratios = Object.fromEntries(
      subjects.filter((s) => s.name !== "app").map((s) => [s.name, app.rps / row[s.name].rps]),
    );
    results[clients] = row;
    for (const s of subjects) console.log(line(s.name, row[s.name]));
    console.log(
      `    CPU per request: ${subjects.map((s) => `${s.name} ${fmtMs(row[s.name].cpuMsPerRequest)}`).join(", ")} (ours: the action${noWorker ? "" : " and its inline worker"})`,
    );
    console.log(
      `    ours / ${Object.entries(row.ratios)
        .map(([k, v]) => `${k} = ${v.toFixed(2)}`)
        .join(", ours / ")}; load ${load.start[0]} -> ${load.end[0]}`,
    );
  }
  results.worker = noWorker ? "off" : "inline";
  results.rateLimited = await rateLimitedVerifications(sql);
  if (noWorker) {
    // Nobody will match these; left pending they would load the next app start's worker during the flood.
    console.log(
      `  removed ${await discardPendingVerifications(sql)} unmatched requests recorded while the worker was off`,
    );
  } else {
    await waitForIdleWorker(sql, 180_000);
  }
  console.log(`  verification requests turned away by the per-address limit during the bench: ${results.rateLimited}`);
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// (b) sign-in vs the hashing limit

/** The app's Argon2 parameters, read from a hash it stored (the demo accounts' password), e.g. "m=65536, t=3, p=1". */
async function storedHash() {
  const [row] = await sql`select password_hash from portal_accounts where username = 'mgarcia'`;
  const params = /^\$argon2id\$v=19\$(m=\d+,t=\d+,p=\d+)\$/.exec(row?.password_hash ?? "")?.[1];
  if (!params) throw new Error("no Argon2id hash stored for the demo account mgarcia");
  return { stored: row.password_hash, params: params.replaceAll(",", ", ") };
}

async function timeVerifications(stored, count) {
  const ms = [];
  for (let i = 0; i < count; i++) {
    const t = process.hrtime.bigint();
    await verify(stored, "demo-patient-password");
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return ms;
}

/**
 * What this machine sustains with `cores` verifications at a time (`check` resolves when one is done), for 5 s,
 * and the CPU each of them costs at that concurrency (`cpuMsEach`: this process, every thread, over every
 * verification of the loop, warm-up included). The app runs its hashes one per core, so this, not one verification
 * alone, is what a hash costs inside a sign-in: two memory-hard hashes side by side slow each other down.
 */
async function parallelVerifications(check) {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const c0 = cpu();
  const r = await closedLoop({
    clients: cores,
    durationMs: 5_000,
    warmupMs: 500,
    request: async () => {
      const t = process.hrtime.bigint();
      const ok = await check();
      return { ok, ms: Number(process.hrtime.bigint() - t) / 1e6, error: "verification said no" };
    },
  });
  return { ...r, cpuMsEach: (cpu() - c0) / r.sent };
}

/** A sign-in load's CPU per sign-in split by thread (`splitHashingThreads`), for the log. */
const byThread = (t) =>
  `by thread: ${t.hashingThreads} hashing threads ${fmtMs(t.hashingMs)}, the others ${fmtMs(t.otherMs)} (main ${fmtMs(t.mainMs)})`;

/** Waits for our worker to be idle, then a pause: what runs just before must not be in the next figure. */
async function quietDown() {
  if (!noWorker) await waitForIdleWorker(sql, 60_000);
  await new Promise((r) => setTimeout(r, QUIET_PAUSE_MS));
}

/**
 * `cores` verifications at a time on a quiet app, once before the sign-in load and once after it: the machine's
 * pace moves by a third from one minute to the next here, and one reading taken in a fast or a slow minute alone
 * set the sign-in's line. Their mean is the figure; both stay in the results.
 */
async function quietParallel(check) {
  await quietDown();
  const load = loadNow();
  return { ...(await parallelVerifications(check)), load };
}

const meanOf = (a, b) => (a + b) / 2;

/**
 * A sign-in run against its hashing limit: one verification's median (timed before and after the load), the limit
 * `cores` of them allow, and the run's ratio to that and to `cores` verifications at a time on a quiet app (the
 * mean of the readings before and after the load).
 */
function hashLimitFigures({ hash, params, before, after, parallelBefore, parallelAfter, signIn, load }) {
  const verifyMs = median([...before, ...after]);
  const limit = cores / (verifyMs / 1000);
  const parallel = {
    rps: meanOf(parallelBefore.rps, parallelAfter.rps),
    cpuMsEach: meanOf(parallelBefore.cpuMsEach, parallelAfter.cpuMsEach),
  };
  return {
    cores,
    [hash]: {
      params,
      verifyMedianMs: verifyMs,
      verifyP99Ms: p99([...before, ...after]),
      beforeMedianMs: median(before),
      afterMedianMs: median(after),
      parallelRps: parallel.rps,
      parallelCpuMsEach: parallel.cpuMsEach,
      parallelLoad: parallelBefore.load,
      parallelReadings: [parallelBefore, parallelAfter].map((x) => ({
        rps: x.rps,
        cpuMsEach: x.cpuMsEach,
        load: x.load,
      })),
    },
    limitRps: limit,
    signIn,
    ratio: signIn.rps / limit,
    ratioParallel: signIn.rps / parallel.rps,
    load,
  };
}

/**
 * After a sign-in load: the verification timed 30 more times, the second quiet reading of `cores` at a time, and
 * the figures of both readings together. `timeOne(n)` times n verifications one after another.
 */
async function afterSignInLoad({ hash, params, before, parallelBefore, timeOne, check, signIn, load }) {
  const after = await timeOne(30);
  const parallelAfter = await quietParallel(check);
  const res = hashLimitFigures({ hash, params, before, after, parallelBefore, parallelAfter, signIn, load });
  const parallel = { rps: res[hash].parallelRps, cpuMsEach: res[hash].parallelCpuMsEach };
  return { res, after, parallelAfter, parallel, verifyMs: res[hash].verifyMedianMs, limit: res.limitRps };
}

async function signInThroughput() {
  const { stored, params } = await storedHash();
  // First, on a quiet app: what the machine really sustains with one Argon2id verification per core at a time.
  // Taken after the create-account load (or in the middle of it) it said less than the machine can do.
  const check = () => verify(stored, "demo-patient-password");
  const parallelBefore = await quietParallel(check);
  await timeVerifications(stored, 3);
  const before = await timeVerifications(stored, 30);

  const accounts = ["mgarcia", "sobrien", "aiko.t", "liwei84", "jlpicard", "rnguyen", "aboateng", "oivanova"];
  await sql`update portal_accounts set failed_login_count = 0, locked_until = null where username = any(${accounts})`;
  await resetRateLimits(sql);
  const clients = Number(process.env.BENCH_SIGN_IN_CLIENTS ?? 8);
  const agents = Array.from({ length: clients }, () => makeAgent(1));
  const pages = [];
  for (let i = 0; i < clients; i++) pages.push(await loadSignInPage(appUrl, agents[i]));
  const request = (i, seq) =>
    postSignIn({
      appUrl,
      page: pages[i],
      username: accounts[(i + seq) % accounts.length],
      password: "demo-patient-password",
      agent: agents[i],
    }).then((res) =>
      signedIn(res)
        ? { ok: true, ms: res.ms }
        : { ok: false, ms: res.ms, error: `status ${res.status}, answer ${res.body.slice(0, 120)}` },
    );
  await closedLoop({ clients, durationMs: 0, warmupMs: 3_000, request });
  const load = { start: loadNow() };
  const c0 = processCpuMs(appPid);
  const t0 = threadCpuMs(appPid, { eachThread: true });
  const raw = await closedLoop({ clients, durationMs: SIGN_IN_MS, request });
  const c1 = processCpuMs(appPid);
  const r = summarize(raw);
  r.cpuMsPerRequest = c0 !== null && c1 !== null ? (c1 - c0) / raw.sent : null;
  // The hashes run on the pool's threads, everything else a sign-in does on the others: read apart, as they ran.
  r.threads = splitHashingThreads(threadCpuDelta(t0, threadCpuMs(appPid, { eachThread: true })), raw.sent);
  load.end = loadNow();
  for (const a of agents) a.destroy();
  const { res, after, parallelAfter, parallel, verifyMs, limit } = await afterSignInLoad({
    hash: "argon2",
    params,
    before,
    parallelBefore,
    timeOne: (n) => timeVerifications(stored, n),
    check,
    signIn: r,
    load,
  });
  console.log(
    `  one Argon2id verification (${params}): median ${fmtMs(verifyMs)} (before ${fmtMs(median(before))}, after ${fmtMs(median(after))})`,
  );
  console.log(
    `  hashing limit = ${cores} cores / ${fmtMs(verifyMs)} = ${limit.toFixed(1)} sign-ins/s (${cores} verifications at a time really ran ${parallel.rps.toFixed(1)}/s: ${parallelBefore.rps.toFixed(1)} before the load, ${parallelAfter.rps.toFixed(1)} after)`,
  );
  console.log(line("sign-in", r));
  if (r.cpuMsPerRequest !== null)
    console.log(
      `    CPU per sign-in in the app process: ${fmtMs(r.cpuMsPerRequest)} (one verification alone: ${fmtMs(verifyMs)}; CPU of one when ${cores} run at a time: ${fmtMs(parallel.cpuMsEach)}); ${byThread(r.threads)}`,
    );
  console.log(
    `    sign-in / limit = ${(r.rps / limit).toFixed(2)}; sign-in / ${cores} verifications at a time (quiet, load ${parallelBefore.load[0]} and ${parallelAfter.load[0]}) = ${(r.rps / parallel.rps).toFixed(2)}; load ${load.start[0]} -> ${load.end[0]}`,
  );
  return res;
}

/** The peer's sign-in (8 clients, right password) against its own hashing limit: cores / one scrypt verification. */
async function peerSignInThroughput() {
  const peerSql = connect(peerDatabaseUrl);
  let stored;
  try {
    const [row] =
      await peerSql`select a.password from account a join "user" u on u.id = a."userId" where u.email = ${PEER_ACCOUNTS[0]} and a."providerId" = 'credential'`;
    stored = row?.password;
  } finally {
    await peerSql.end({ timeout: 5 });
  }
  if (!stored) throw new Error(`no password stored by the peer for ${PEER_ACCOUNTS[0]}`);
  const verifyPassword = await peerVerifyPassword();
  const check = () => verifyPassword({ hash: stored, password: PEER_PASSWORD });
  const timeOne = async (count) => {
    const ms = [];
    for (let i = 0; i < count; i++) {
      const t = process.hrtime.bigint();
      if (!(await check())) throw new Error("the peer's verifyPassword refused the right password");
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return ms;
  };
  const parallelBefore = await quietParallel(check);
  await timeOne(3);
  const before = await timeOne(30);

  const clients = Number(process.env.BENCH_SIGN_IN_CLIENTS ?? 8);
  const agents = Array.from({ length: clients }, () => makeAgent(1));
  const request = peerRequests(peerUrl).signIn(agents);
  await closedLoop({ clients, durationMs: 0, warmupMs: 3_000, request });
  const load = { start: loadNow() };
  const c0 = processCpuMs(peerPid);
  const t0 = threadCpuMs(peerPid, { eachThread: true });
  const raw = await closedLoop({ clients, durationMs: SIGN_IN_MS, request });
  const c1 = processCpuMs(peerPid);
  const r = summarize(raw);
  r.cpuMsPerRequest = c0 !== null && c1 !== null ? (c1 - c0) / raw.sent : null;
  // Its scrypt is node:crypto's, on the same pool as our hashes: the same split applies.
  r.threads = splitHashingThreads(threadCpuDelta(t0, threadCpuMs(peerPid, { eachThread: true })), raw.sent);
  load.end = loadNow();
  for (const a of agents) a.destroy();
  const { res, after, parallelAfter, parallel, verifyMs, limit } = await afterSignInLoad({
    hash: "scrypt",
    params: /^[0-9a-f]+:[0-9a-f]+$/.test(stored) ? "scrypt N=16384, r=16, p=1 (Better Auth's defaults)" : "scrypt",
    before,
    parallelBefore,
    timeOne,
    check,
    signIn: r,
    load,
  });
  console.log(
    `  peer: one scrypt verification (its verifyPassword): median ${fmtMs(verifyMs)} (before ${fmtMs(median(before))}, after ${fmtMs(median(after))})`,
  );
  console.log(
    `  peer: hashing limit = ${cores} cores / ${fmtMs(verifyMs)} = ${limit.toFixed(1)} sign-ins/s (${cores} verifications at a time, quiet, really ran ${parallel.rps.toFixed(1)}/s: ${parallelBefore.rps.toFixed(1)} before, ${parallelAfter.rps.toFixed(1)} after)`,
  );
  console.log(line("peer sign-in", r));
  if (r.cpuMsPerRequest !== null)
    console.log(
      `    CPU per sign-in in the peer process: ${fmtMs(r.cpuMsPerRequest)} (CPU of one verification when ${cores} run at a time: ${fmtMs(parallel.cpuMsEach)}); ${byThread(r.threads)}`,
    );
  console.log(
    `    peer sign-in / limit = ${(r.rps / limit).toFixed(2)}; / ${cores} at a time = ${(r.rps / parallel.rps).toFixed(2)}; load ${load.start[0]} -> ${load.end[0]}`,
  );
  return res;
}

// ---------------------------------------------------------------------------------------------------------
// (c) flood of bad sign-ins from one address (the app must run with the default limit)

async function flood({ requests, clients, spoofForwardedFor, via }) {
  const agents = Array.from({ length: clients }, () => makeAgent(1));
  const pages = [];
  for (let i = 0; i < clients; i++) pages.push(await loadSignInPage(appUrl, agents[i]));
  await resetRateLimits(sql);
  const [{ maxId }] = await sql`select coalesce(max(id), 0)::bigint as "maxId" from audit_events`;
  const c0 = processCpuMs(appPid);
  const started = Date.now();
  let answeredSame = 0;
  let n = 0;
  const r = await closedLoop({
    clients,
    durationMs: FLOOD_MS,
    maxRequests: requests,
    request: (i) => {
      n++;
      const headers = spoofForwardedFor
        ? { "X-Forwarded-For": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` }
        : {};
      return postSignIn({
        appUrl,
        page: pages[i],
        username: `u${hex(4)}`.slice(0, 8),
        password: `wrong-${hex(7)}-x`.slice(0, 21),
        agent: agents[i],
        headers,
        via,
      }).then((res) => {
        if (res.status === 200 && res.state?.error === SIGN_IN_MESSAGE) answeredSame++;
        return { ok: res.status === 200, ms: res.ms, error: `status ${res.status}` };
      });
    },
  });
  const ended = Date.now();
  const c1 = processCpuMs(appPid);
  for (const a of agents) a.destroy();
  // A failed sign-in is recorded just after its answer is sent (lib/auth/defer.ts): let the last ones land.
  await new Promise((r) => setTimeout(r, 2_000));
  const [{ hashed }] =
    await sql`select count(*)::int as hashed from audit_events where id > ${maxId} and event = 'patient.sign_in_failed'`;
  const windowMs = 5 * 60_000;
  const windows = Math.floor(ended / windowMs) - Math.floor(started / windowMs) + 1;
  const sent = r.sent;
  // Through the proxy a caller-written X-Forwarded-For changes nothing: one address, one allowance.
  const allowance = spoofForwardedFor && !via ? 0 : Math.min(sent, DEFAULT_SIGN_IN_LIMIT * windows);
  const afterTrip = Math.max(0, hashed - allowance);
  return {
    sent,
    seconds: (ended - started) / 1000,
    rps: sent / ((ended - started) / 1000),
    p50: median(r.latencies),
    p99: p99(r.latencies),
    hashed,
    windows,
    allowance,
    hashedAfterTrip: afterTrip,
    fractionAfterTrip: sent > allowance ? afterTrip / (sent - allowance) : 0,
    answeredSame,
    errors: r.errors,
    cpuMsPerRequest: c0 !== null && c1 !== null ? (c1 - c0) / Math.max(1, r.sent) : null,
  };
}

async function floodLimit() {
  const clients = 16;
  const load = { start: loadNow() };
  // As deployed: through a reverse proxy that appends the address it saw to X-Forwarded-For (README).
  const proxy = await startForwardingProxy({ port: PROXY_PORT, target: appUrl });
  try {
    const one = await flood({ requests: FLOOD_REQUESTS, clients, spoofForwardedFor: false, via: proxy.url });
    load.end = loadNow();
    console.log(
      `  flood from one address: ${one.sent} bad sign-ins in ${one.seconds.toFixed(1)} s (${one.rps.toFixed(0)}/s, p50 ${fmtMs(one.p50)}, p99 ${fmtMs(one.p99)}); ` +
        `${one.hashed} reached the hasher (${one.allowance} allowed in ${one.windows} window(s)), ${one.hashedAfterTrip} after the limiter tripped = ${(one.fractionAfterTrip * 100).toFixed(2)}%; ` +
        `${one.answeredSame} answered with the common message; app CPU ${fmtMs(one.cpuMsPerRequest)} per request`,
    );
    // The same flood with a different X-Forwarded-For on every request: does the limiter hold?
    const spoofed = await flood({ requests: 200, clients: 8, spoofForwardedFor: true, via: proxy.url });
    console.log(
      `  same flood, X-Forwarded-For rotated per request: ${spoofed.sent} sent, ${spoofed.hashed} reached the hasher (${((spoofed.hashed / spoofed.sent) * 100).toFixed(1)}%), ${spoofed.rps.toFixed(1)}/s, app CPU ${fmtMs(spoofed.cpuMsPerRequest)} per request`,
    );
    return { oneAddress: one, rotatedForwardedFor: spoofed, load, throughProxy: true };
  } finally {
    await proxy.close();
  }
}

const result = { startedAt: new Date().toISOString() };
try {
  if (parts.includes("a")) {
    console.log(
      `(a) create-account throughput vs the bare baseline (same SQL through postgres.js); the app's worker: ${noWorker ? "off (EMAIL_WORKER=off)" : "inline (as shipped)"}`,
    );
    result.createAccount = await createAccountThroughput();
  }
  if (parts.includes("b")) {
    console.log("(b) sign-in throughput vs the hashing limit");
    result.signIn = await signInThroughput();
    if (peerUrl && peerDatabaseUrl) {
      console.log("(b) the peer's sign-in throughput vs its own hashing limit (scrypt)");
      result.peerSignIn = await peerSignInThroughput();
    }
  }
  if (parts.includes("c")) {
    console.log("(c) flood of bad sign-ins, app with the default per-address limit");
    result.flood = await floodLimit();
  }
} catch (e) {
  // What was measured before the failure is kept (the run still fails).
  result.failed = e.message;
  process.exitCode = 1;
  console.error(e);
} finally {
  await sql.end({ timeout: 5 });
}
writeFileSync(out, JSON.stringify(result, null, 2));
console.log(`throughput results written to ${out}`);
