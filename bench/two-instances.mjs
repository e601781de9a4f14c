// Two app instances on one database, behind a round-robin proxy (the deployment the README describes when a
// practice outgrows one process). Run by bench/run.mjs, which starts both instances with APP_URL = the proxy.
//   scale   create-account throughput through the proxy (two instances) against one instance alone, in the same
//           run (ABBA, 16 clients, workers off so only the request path is compared)
//   limits  the per-address limits hold across instances: 40 create-account requests and up to 400 bad
//           sign-ins from one address, alternating between the instances, against the default limits
// Environment: BENCH_PUBLIC_URL (the proxy, = APP_URL), BENCH_DIRECT_URL (one instance), BENCH_DATABASE_URL,
// BENCH_PARTS (scale,limits), BENCH_OUT, BENCH_SEGMENT_MS.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { loadForm } from "./lib/actions.mjs";
import { postFormRoute } from "./lib/form-route.mjs";
import { loadSignInPage, postSignIn } from "./lib/sign-in.mjs";
import { connect, discardPendingVerifications, rateLimitedVerifications, resetRateLimits } from "./lib/db.mjs";
import { makeAgent } from "./lib/http.mjs";
import { closedLoop, combine } from "./lib/load.mjs";
import { loadNow } from "./lib/load-gate.mjs";
import { fmtMs, median, p99 } from "./lib/stats.mjs";

const publicUrl = process.env.BENCH_PUBLIC_URL;
const directUrl = process.env.BENCH_DIRECT_URL;
const parts = (process.env.BENCH_PARTS ?? "scale,limits").split(",");
const out = process.env.BENCH_OUT ?? "bench/.work/two-instances.json";
const SEGMENT_MS = Number(process.env.BENCH_SEGMENT_MS ?? 5_000);
const DEFAULT_VERIFY_LIMIT = 20; // lib/config/env.ts: per address per 15 minutes
const DEFAULT_SIGN_IN_LIMIT = 20; // per address per 5 minutes
const SIGN_IN_MESSAGE =
  "Username or password is not right. Check them and try again, or use the links below if you forgot them.";
const sql = connect(process.env.BENCH_DATABASE_URL);
const hex = (n) => randomBytes(n).toString("hex");
const details = () => ({
  email: `p${hex(4)}@example.org`,
  lastName: "Lindqvist",
  dobYear: "1972",
  dobMonth: "1",
  dobDay: "9",
  zip: "62701",
});

async function scale() {
  const clients = 16;
  let agents = [];
  const forms = [];
  const renew = () => {
    for (const a of agents) a.destroy();
    agents = Array.from({ length: clients }, () => makeAgent(1));
  };
  renew();
  for (let i = 0; i < clients; i++) forms.push(await loadForm(publicUrl, "/register", agents[i]));
  // The browser's headers always name the public address; "one" sends straight to one instance.
  const post = (via) => (i) =>
    postFormRoute({
      appUrl: publicUrl,
      via,
      route: "/register/send",
      pagePath: "/register",
      fields: details(),
      cookie: forms[i].cookie,
      agent: agents[i],
      timeoutMs: 30_000,
    }).then((res) =>
      res.status === 200 ? { ok: true, ms: res.ms } : { ok: false, ms: res.ms, error: `status ${res.status}` },
    );
  const target = { one: post(directUrl), two: post(publicUrl) };
  const segment = async (name) => {
    await resetRateLimits(sql);
    renew();
    return closedLoop({ clients, durationMs: SEGMENT_MS, request: target[name] });
  };
  const load = { start: loadNow() };
  await closedLoop({ clients, durationMs: 0, warmupMs: 3_000, request: target.two });
  const o1 = await segment("one");
  const t1 = await segment("two");
  const t2 = await segment("two");
  const o2 = await segment("one");
  load.end = loadNow();
  for (const a of agents) a.destroy();
  const sum = (r) => ({
    rps: r.rps,
    p50: median(r.latencies),
    p99: p99(r.latencies),
    completed: r.completed,
    errors: r.errors,
    segmentRps: r.segmentRps,
  });
  const one = sum(combine([o1, o2]));
  const two = sum(combine([t1, t2]));
  const res = { clients, one, two, ratio: two.rps / one.rps, load };
  console.log(
    `  one instance:  ${one.rps.toFixed(1)} req/s, p50 ${fmtMs(one.p50)}, p99 ${fmtMs(one.p99)} (${one.errors} errors)`,
  );
  console.log(
    `  two instances: ${two.rps.toFixed(1)} req/s, p50 ${fmtMs(two.p50)}, p99 ${fmtMs(two.p99)} (${two.errors} errors); two / one = ${res.ratio.toFixed(2)}`,
  );
  await discardPendingVerifications(sql);
  return res;
}

async function limits() {
  await resetRateLimits(sql);
  // (1) Verification: 40 requests from one address, alternating instances; the first 20 are matched.
  const agent = makeAgent(1);
  const form = await loadForm(publicUrl, "/register", agent);
  const [{ before }] = await sql`select coalesce(max(created_at), 'epoch') as before from verification_attempts`;
  // An earlier phase in the same limiter window may have made the row the turned-away requests add to.
  const limitedBefore = await rateLimitedVerifications(sql);
  let sameAnswer = 0;
  for (let i = 0; i < 2 * DEFAULT_VERIFY_LIMIT; i++) {
    const res = await postFormRoute({
      appUrl: publicUrl,
      route: "/register/send",
      pagePath: "/register",
      fields: details(),
      cookie: form.cookie,
      agent,
    });
    if (res.status === 200 && res.state?.result?.submitted === true) sameAnswer++;
  }
  // Over the limit, an address's requests share one row per limiter window, counted in `repeats`.
  const [v] = await sql`select
      count(*) filter (where outcome is distinct from 'rate_limited')::int as allowed,
      count(*)::int as rows
    from verification_attempts where created_at > ${before}`;
  const verification = {
    sent: 2 * DEFAULT_VERIFY_LIMIT,
    recorded: v.rows,
    limited: (await rateLimitedVerifications(sql)) - limitedBefore,
    allowed: v.allowed,
    sameAnswer,
  };
  console.log(
    `  verification from one address through both instances: ${verification.allowed} allowed, ${verification.limited} turned away (limit ${DEFAULT_VERIFY_LIMIT}); ${sameAnswer} of ${verification.sent} got the usual answer`,
  );

  // (2) Sign-in: a flood of bad sign-ins from one address, alternating instances.
  const clients = 8;
  const agents = Array.from({ length: clients }, () => makeAgent(1));
  const pages = [];
  for (let i = 0; i < clients; i++) pages.push(await loadSignInPage(publicUrl, agents[i]));
  const [{ maxId }] = await sql`select coalesce(max(id), 0)::bigint as "maxId" from audit_events`;
  let answeredSame = 0;
  const started = Date.now();
  const r = await closedLoop({
    clients,
    durationMs: 60_000,
    maxRequests: 400,
    request: (i) =>
      postSignIn({
        appUrl: publicUrl,
        page: pages[i],
        username: `u${hex(4)}`,
        password: `wrong-${hex(7)}-x`,
        agent: agents[i],
      }).then((res) => {
        if (res.status === 200 && res.state?.error === SIGN_IN_MESSAGE) answeredSame++;
        return { ok: res.status === 200, ms: res.ms, error: `status ${res.status}` };
      }),
  });
  const ended = Date.now();
  for (const a of [agent, ...agents]) a.destroy();
  await new Promise((res) => setTimeout(res, 2_000)); // failures are recorded just after their answer
  const [{ hashed }] =
    await sql`select count(*)::int as hashed from audit_events where id > ${maxId} and event = 'patient.sign_in_failed'`;
  const windowMs = 5 * 60_000;
  const windows = Math.floor(ended / windowMs) - Math.floor(started / windowMs) + 1;
  const allowance = DEFAULT_SIGN_IN_LIMIT * windows;
  const signIn = { sent: r.sent, hashed, allowance, hashedAfterTrip: Math.max(0, hashed - allowance), answeredSame };
  signIn.fractionAfterTrip = r.sent > allowance ? signIn.hashedAfterTrip / (r.sent - allowance) : 0;
  console.log(
    `  bad sign-ins from one address through both instances: ${r.sent} sent, ${hashed} reached the hasher (allowance ${allowance}), ${answeredSame} got the usual answer`,
  );
  return { verification, signIn };
}

const result = { startedAt: new Date().toISOString() };
try {
  if (parts.includes("scale")) result.scale = await scale();
  if (parts.includes("limits")) result.limits = await limits();
} finally {
  await sql.end({ timeout: 5 });
}
writeFileSync(out, JSON.stringify(result, null, 2));
