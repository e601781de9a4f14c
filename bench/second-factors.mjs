// Second factors at sign-in, against the production build (.next-bench) on a scratch database with the demo
// practice: (1) a code from an authenticator app and (2) a code read from the email the fake Resend received, each
// typed at /login/second-step; (3) "Sign in with a passkey" on /login, answered by a software authenticator
// (test-kit/soft-authenticator.mjs). 8 clients, closed loop; throughput, p50/p99 and the app's CPU per request.
//
// What is timed: for (1) and (2) only the second-step post (the password step, Argon2id, runs before the timed
// loop: every pending sign-in is made through /login with the right password, untimed, and lives 5 minutes); for
// (3) the options request and the sign-in post together (one sign-in = two requests). Accounts and factors are
// made with the app's own lib functions (bench/second-factors-runner.ts). Each pending sign-in belongs to its own
// account: an app code's step is taken once per account (M2), and only an account's newest emailed code counts.
// Emailed codes are capped at 3 an hour per address, so each emailed-code account gets two emails (turning the
// factor on, then the sign-in).
//   node bench/second-factors.mjs      prints the markdown; JSON and logs in bench/.work/
// DATABASE_URL: an admin connection to a local PostgreSQL (default postgres://postgres@127.0.0.1:5432/postgres).
// BENCH_SF_REQUESTS (240): timed second-step posts per kind of code; BENCH_SF_PASSKEY_MS (10000): passkey load.
// Ports 3540 (app) and 3541 (fake Resend).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { assertLocalDatabase, createScratchDatabase } from "../test-kit/scratch-database.mjs";
import { createSoftAuthenticator } from "../test-kit/soft-authenticator.mjs";
import { generateSync } from "otplib";
import { actionId, actionResult, bodyText, loadForm, postAction } from "./lib/actions.mjs";
import { loadSignInPage, postSignIn } from "./lib/sign-in.mjs";
import { appEnv, DIST_DIR, startApp, startFakeResend } from "./lib/app.mjs";
import { buildInto } from "./lib/build.mjs";
import { processCpuMs } from "./lib/cpu.mjs";
import { makeAgent, send } from "./lib/http.mjs";
import { closedLoop } from "./lib/load.mjs";
import { stop } from "./lib/procs.mjs";
import { seedDemoPractice } from "./lib/scratch-practice.mjs";
import { fmtMs, median, p99 } from "./lib/stats.mjs";

const APP_PORT = 3540;
const RESEND_PORT = 3541;
const CLIENTS = 8;
const REQUESTS = Number(process.env.BENCH_SF_REQUESTS ?? 240);
const WARMUP = 16;
const PASSKEY_MS = Number(process.env.BENCH_SF_PASSKEY_MS ?? 10_000);
const PASSWORD = "bench second factor password";
export const NICE_P99_MS = 100;

// What a signal must still clean up.
let current = null;
let runner = null;

const appUrl = `http://127.0.0.1:${APP_PORT}`;
const resendUrl = `http://127.0.0.1:${RESEND_PORT}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What an authenticator app shows at a 30-second step (lib/second-factor/totp.ts's totpCodeAt, same parameters). */
const totpCodeAt = (secret, step) => generateSync({ secret, epoch: step * 30, period: 30, digits: 6 });

/** The setup runner (bench/second-factors-runner.ts): one command a line in, one "@@sf {…}" line out. */
function startRunner(env, logFile) {
  const child = spawn(
    "node",
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "bench/second-factors-runner.ts"],
    { env, stdio: ["pipe", "pipe", "pipe"] },
  );
  const log = [];
  child.stderr.on("data", (d) => log.push(d.toString()));
  const waiting = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.startsWith("@@sf ")) return log.push(`${line}\n`);
    waiting.shift()?.(JSON.parse(line.slice(5)));
  });
  child.once("exit", (code) => {
    writeFileSync(logFile, log.join(""));
    for (const w of waiting.splice(0)) w({ ok: false, error: `runner exited (${code}); see ${logFile}` });
  });
  return {
    child,
    call(cmd) {
      return new Promise((resolve, reject) => {
        waiting.push((a) => (a.ok ? resolve(a.result) : reject(new Error(`runner ${cmd.op}: ${a.error}`))));
        child.stdin.write(`${JSON.stringify(cmd)}\n`);
      });
    },
    async end() {
      child.stdin.end();
      await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r()));
    },
  };
}

/** Next's router state for a page of the (patient) group at `segments` (e.g. ["login", "second-step"]). */
function routerStateTree(segments) {
  let node = ["__PAGE__", {}, null, null, 0];
  for (const s of [...segments].reverse()) node = [s, { children: node }, null, null, 0];
  const tree = ["", { children: ["(patient)", { children: node }, null, null, 0] }, null, null, 16];
  return encodeURIComponent(JSON.stringify(tree));
}

const redirectOf = (res) => res.headers["x-action-redirect"] ?? "";
const toPortal = (res) => res.status === 200 && /\/portal(;|$)/.test(redirectOf(res));
const cookieFrom = (res, name) =>
  (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).find((c) => c.startsWith(`${name}=`));

/** Every email the fake Resend received. */
async function fakeMessages() {
  const r = await send({ url: `${resendUrl}/_fake/messages` });
  return JSON.parse(r.body);
}

/**
 * The newest code emailed to each address since `since` whose text says `purpose`; waits until every address has
 * one (at most `timeoutMs`).
 */
async function codesFor(emails, { since, purpose, timeoutMs = 180_000 }) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = new Map();
    for (const m of await fakeMessages()) {
      if (m.receivedAt < since || !(m.text ?? "").includes(purpose)) continue;
      const code = /\b(\d{6})\b/.exec(m.text)?.[1];
      for (const to of m.to) if (code) found.set(to.toLowerCase(), code);
    }
    const missing = emails.filter((e) => !found.has(e.toLowerCase()));
    if (missing.length === 0) return emails.map((e) => found.get(e.toLowerCase()));
    if (Date.now() > until) throw new Error(`${missing.length} of ${emails.length} "${purpose}" emails never came`);
    await sleep(500);
  }
}

/**
 * Password steps through /login for `accounts` (untimed, from 8 clients): each must land on the second step;
 * returns the pending sign-in cookie of each.
 */
async function pendingSignIns(accounts, { agents, loginPage }) {
  const cookies = new Array(accounts.length);
  let next = 0;
  await Promise.all(
    agents.map(async (agent) => {
      while (next < accounts.length) {
        const i = next++;
        const res = await postSignIn({
          appUrl,
          page: loginPage,
          username: accounts[i].username,
          password: PASSWORD,
          agent,
        });
        const cookie = cookieFrom(res, "pp_pending_sign_in");
        const to = res.state?.result?.next;
        if (res.status !== 200 || to !== "/login/second-step" || !cookie)
          throw new Error(`password step for ${accounts[i].username}: status ${res.status}, going on to "${to}"`);
        cookies[i] = cookie;
      }
    }),
  );
  return cookies;
}

const summary = (r, wallMs, cpuMs, requestsPerItem = 1) => ({
  completed: r.completed,
  errors: r.errors,
  firstError: r.firstError,
  seconds: wallMs / 1000,
  perSecond: r.completed / (wallMs / 1000),
  p50: median(r.latencies),
  p99: p99(r.latencies),
  cpuMsPerRequest: cpuMs === null ? null : cpuMs / (r.sent * requestsPerItem),
});

/**
 * Posts the second step for every pending sign-in in `items` (untimed warm-up first), 8 clients; `code(item)` is
 * what the patient types. Each answer must redirect to /portal.
 */
async function timeSecondStep({ app, agents, template, id, warmup, items, code }) {
  // A browser sends no unticked checkbox ("Trust this device" stays off).
  const base = { ...template, visible: template.visible.filter((n) => n !== "remember") };
  const headers = { "Next-Router-State-Tree": routerStateTree(["login", "second-step"]) };
  const loop = (queue) =>
    closedLoop({
      clients: CLIENTS,
      durationMs: 10 * 60_000,
      maxRequests: queue.length,
      request: async (i) => {
        const item = queue.shift();
        const res = await postAction({
          appUrl,
          form: { ...base, cookie: item.cookie },
          id,
          values: { code: code(item) },
          agent: agents[i],
          headers,
        });
        return toPortal(res)
          ? { ok: true, ms: res.ms }
          : { ok: false, ms: res.ms, error: `status ${res.status}, redirect "${redirectOf(res)}"` };
      },
    });
  const w = await loop([...warmup]);
  if (w.errors) throw new Error(`second step warm-up: ${w.errors} errors (${w.firstError})`);
  const c0 = processCpuMs(app.child.pid);
  const t0 = performance.now();
  const r = await loop([...items]);
  const wallMs = performance.now() - t0;
  const c1 = processCpuMs(app.child.pid);
  return summary(r, wallMs, c0 === null || c1 === null ? null : c1 - c0);
}

async function benchTotp({ app, runner, agents, loginPage, secondStepId }) {
  const accounts = await runner.call({ op: "patients", tag: "totp", count: REQUESTS + WARMUP, password: PASSWORD });
  const factors = await runner.call({ op: "totp", patientIds: accounts.map((a) => a.patientId) });
  const t0 = performance.now();
  const cookies = await pendingSignIns(accounts, { agents, loginPage });
  const prepS = (performance.now() - t0) / 1000;
  const template = await loadForm(appUrl, "/login/second-step", agents[0], { cookie: cookies[0] });
  if (!template.hidden.some(([n, v]) => n === "method" && v === "totp"))
    throw new Error("the second step page did not ask for an app code");
  const items = accounts.map((a, i) => ({ ...a, ...factors[i], cookie: cookies[i] }));
  // The app's code now, or its next one when setting it up took this step (the server takes a step once).
  const code = (item) => {
    const step = Math.max(Math.floor(Date.now() / 30_000), item.acceptedStep + 1);
    return totpCodeAt(item.secret, step);
  };
  const result = await timeSecondStep({
    app,
    agents,
    template,
    id: secondStepId,
    warmup: items.slice(0, WARMUP),
    items: items.slice(WARMUP),
    code,
  });
  return { ...result, accounts: accounts.length, prepS };
}

async function benchEmail({ app, runner, agents, loginPage, secondStepId }) {
  const accounts = await runner.call({ op: "patients", tag: "mail", count: REQUESTS + WARMUP, password: PASSWORD });
  const emails = accounts.map((a) => a.email);
  let since = Date.now();
  await runner.call({ op: "emailCodes", patientIds: accounts.map((a) => a.patientId) });
  const addCodes = await codesFor(emails, { since, purpose: "finish turning on sign-in codes by email" });
  await runner.call({
    op: "emailFactors",
    items: accounts.map((a, i) => ({ patientId: a.patientId, code: addCodes[i] })),
  });
  since = Date.now();
  const t0 = performance.now();
  const cookies = await pendingSignIns(accounts, { agents, loginPage });
  const codes = await codesFor(emails, { since, purpose: "finish signing in" });
  const prepS = (performance.now() - t0) / 1000;
  // The worker has sent them all; let it settle before the timed loop.
  await sleep(2_000);
  const template = await loadForm(appUrl, "/login/second-step", agents[0], { cookie: cookies[0] });
  if (!template.hidden.some(([n, v]) => n === "method" && v === "email_code"))
    throw new Error("the second step page did not ask for an emailed code");
  const items = accounts.map((a, i) => ({ ...a, cookie: cookies[i], code: codes[i] }));
  const result = await timeSecondStep({
    app,
    agents,
    template,
    id: secondStepId,
    warmup: items.slice(0, WARMUP),
    items: items.slice(WARMUP),
    code: (item) => item.code,
  });
  return { ...result, accounts: accounts.length, emailsSent: 2 * accounts.length, prepS };
}

async function benchPasskey({ app, runner, agents }) {
  const accounts = await runner.call({ op: "patients", tag: "pk", count: CLIENTS, password: PASSWORD });
  const authenticators = accounts.map(() => createSoftAuthenticator({ origin: appUrl }));
  const options = await runner.call({
    op: "passkeyOptions",
    items: accounts.map((a) => ({ patientId: a.patientId, userName: a.username })),
  });
  await runner.call({
    op: "savePasskeys",
    items: accounts.map((a, i) => ({ patientId: a.patientId, response: authenticators[i].register(options[i]) })),
  });
  const distDir = DIST_DIR;
  const optionsId = actionId(distDir, "app/(patient)/login/actions.ts", "patientPasskeyOptions");
  const signInId = actionId(distDir, "app/(patient)/login/actions.ts", "signInPatientWithPasskey");
  const forms = [];
  for (const agent of agents) forms.push(await loadForm(appUrl, "/login", agent, { containing: "response" }));
  if (forms[0].boundId && forms[0].boundId !== signInId)
    throw new Error(`the passkey form on /login is bound to ${forms[0].boundId}, not ${signInId}`);
  const headers = { "Next-Router-State-Tree": routerStateTree(["login"]) };
  const steps = { options: [], signIn: [] };
  const request = async (i) => {
    // The passkey button's call for options: (prev = {}, an empty FormData), as React encodes it.
    const call = { pagePath: "/login", hidden: [], visible: [], cookie: forms[i].cookie };
    const o = await postAction({ appUrl, form: call, id: optionsId, values: {}, agent: agents[i], headers });
    const opts = o.status === 200 ? actionResult(bodyText(o))?.result : undefined;
    if (!opts?.challenge) return { ok: false, ms: o.ms, error: `options: status ${o.status}` };
    const answer = JSON.stringify(authenticators[i].authenticate(opts));
    const form = { ...forms[i], hidden: forms[i].hidden.map(([n, v]) => [n, n === "response" ? answer : v]) };
    const s = await postAction({ appUrl, form, id: signInId, values: {}, agent: agents[i], headers });
    if (!toPortal(s))
      return { ok: false, ms: o.ms + s.ms, error: `sign-in: status ${s.status}, redirect "${redirectOf(s)}"` };
    steps.options.push(o.ms);
    steps.signIn.push(s.ms);
    return { ok: true, ms: o.ms + s.ms };
  };
  await closedLoop({ clients: CLIENTS, durationMs: 0, warmupMs: 2_000, request });
  steps.options.length = steps.signIn.length = 0;
  const c0 = processCpuMs(app.child.pid);
  const t0 = performance.now();
  const r = await closedLoop({ clients: CLIENTS, durationMs: PASSKEY_MS, request });
  const wallMs = performance.now() - t0;
  const c1 = processCpuMs(app.child.pid);
  // Requests outside the window (the last ones in flight) count in the CPU but not in `completed`: CPU is per request sent.
  return {
    ...summary(r, wallMs, c0 === null || c1 === null ? null : c1 - c0, 2),
    perSecond: r.completed / (PASSKEY_MS / 1000),
    accounts: accounts.length,
    optionsP50: median(steps.options),
    optionsP99: p99(steps.options),
    signInP50: median(steps.signIn),
    signInP99: p99(steps.signIn),
  };
}

function markdown(json) {
  const row = (figure, r, what) => {
    const cpu = r.cpuMsPerRequest === null ? "n/a" : fmtMs(r.cpuMsPerRequest);
    const nice = r.p99 < NICE_P99_MS ? "under" : "over";
    return `| ${figure} | report (p99 < ${NICE_P99_MS} ms nice to have) | ${r.perSecond.toFixed(1)} ${what}/s; p50 ${fmtMs(r.p50)}, p99 ${fmtMs(r.p99)}; ${r.completed} ok, ${r.errors} errors; app CPU ${cpu}/request | reported (p99 ${nice} ${NICE_P99_MS} ms) |`;
  };
  const { totp, email, passkey } = json;
  return [
    "## Second factors at sign-in",
    "",
    `${json.startedAt}, load ${json.load.join(" / ")} at the start; production build, ${CLIENTS} clients, closed loop, ` +
      `per-address limits 10,000. Codes: only the post of \`/login/second-step\` is timed (${totp.completed + totp.errors} and ` +
      `${email.completed + email.errors} posts after ${WARMUP} warm-up ones, each on a pending sign-in of its own made ` +
      `through \`/login\` with the right password before the loop, one per account: ${totp.accounts} accounts with an ` +
      `authenticator app, ${email.accounts} with emailed codes, whose codes were read from the fake Resend). Passkey: ` +
      `"Sign in with a passkey" on \`/login\`, options request + sign-in post timed together as one sign-in, ` +
      `${passkey.accounts} accounts (one per client), software authenticator, ${PASSKEY_MS / 1000} s after 2 s of warm-up. ` +
      "Every answer must redirect to `/portal`. CPU: the app process, all threads, per request sent.",
    "",
    "| figure | target | measured | verdict |",
    "|---|---|---|---|",
    row("Second step, authenticator-app code (8 clients)", totp, "sign-ins"),
    row("Second step, emailed code (8 clients)", email, "sign-ins"),
    row("Passkey sign-in, options + answer (8 clients)", passkey, "sign-ins"),
    "",
    `Passkey requests alone: options p50 ${fmtMs(passkey.optionsP50)} / p99 ${fmtMs(passkey.optionsP99)}, sign-in post ` +
      `p50 ${fmtMs(passkey.signInP50)} / p99 ${fmtMs(passkey.signInP99)}. The RP ID is \`127.0.0.1\` (APP_URL's host): ` +
      "browsers refuse an IP address, the server-side checks do not. Untimed set-up: " +
      `${totp.prepS.toFixed(1)} s and ${email.prepS.toFixed(1)} s of password steps (and, for emailed codes, the worker ` +
      "sending them).",
  ].join("\n");
}

export async function benchSecondFactors({ adminUrl, logDir }) {
  assertLocalDatabase(adminUrl);
  mkdirSync(logDir, { recursive: true });
  if (!existsSync(path.join(DIST_DIR, "BUILD_ID")))
    await buildInto({ distDir: DIST_DIR, logFile: path.join(logDir, "second-factors-build.log") });
  const json = { startedAt: new Date().toISOString(), load: loadavg().map((l) => l.toFixed(2)) };
  current = await createScratchDatabase(adminUrl, "pp_sf");
  const procs = [];
  const agents = Array.from({ length: CLIENTS }, () => makeAgent(1));
  try {
    const databaseUrl = current.url;
    const authSecret = randomBytes(32).toString("base64url");
    await seedDemoPractice({
      name: "sf-seed",
      databaseUrl,
      authSecret,
      appUrl,
      logFile: path.join(logDir, "second-factors-seed.log"),
    });
    procs.push(await startFakeResend({ port: RESEND_PORT, logFile: path.join(logDir, "second-factors-resend.log") }));
    const env = appEnv({
      port: APP_PORT,
      resendPort: RESEND_PORT,
      databaseUrl,
      authSecret,
      limits: { verify: 10_000, signIn: 10_000 },
    });
    const app = await startApp({
      name: "sf-app",
      port: APP_PORT,
      env,
      logFile: path.join(logDir, "second-factors-app.log"),
    });
    procs.push(app);
    runner = startRunner({ ...env, NODE_ENV: "production" }, path.join(logDir, "second-factors-runner.log"));

    const loginPage = await loadSignInPage(appUrl, agents[0]);
    const ctx = {
      app,
      runner,
      agents,
      loginPage,
      secondStepId: actionId(DIST_DIR, "app/(patient)/login/second-step/actions.ts", "verifyPatientSecondStep"),
    };
    console.log("second-factors: authenticator-app codes");
    json.totp = await benchTotp(ctx);
    console.log("second-factors: emailed codes");
    json.email = await benchEmail(ctx);
    console.log("second-factors: passkeys");
    json.passkey = await benchPasskey(ctx);
    writeFileSync(path.join(logDir, "second-factors.json"), JSON.stringify(json, null, 2));
    return { json, markdown: markdown(json) };
  } finally {
    for (const a of agents) a.destroy();
    await runner?.end().catch(() => {});
    runner = null;
    for (const p of procs.reverse()) await stop(p);
    await current.drop();
    current = null;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const logDir = path.join("bench/.work", `second-factors-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  const { stopAll } = await import("./lib/procs.mjs");
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, async () => {
      runner?.child.kill();
      await stopAll();
      await current?.drop().catch(() => {});
      process.exit(130);
    });
  }
  try {
    const { markdown: md } = await benchSecondFactors({ adminUrl, logDir });
    writeFileSync(path.join(logDir, "second-factors.md"), md);
    console.log(md);
  } catch (e) {
    console.error(`second-factors bench failed: ${e.stack ?? e.message}`);
    process.exitCode = 1;
  }
}
