// Bulk invitations at 10,000 patients: (a) how long "Send invitations" takes to queue them, posted by a staff member
// signed in with both steps (password, then an authenticator-app code; untimed) the way Chromium posts the
// confirmation form; (b) how fast the outbox delivers them through the fake
// Resend limited to 2 requests a second (429 beyond, Retry-After: 1), i.e. at most 200 emails a second with the
// batch endpoint, and whether any email is lost or delivered twice; (c) the same with two `next start` instances on
// one database, both running the worker. Each phase has its own scratch database, so nothing carries over.
//
//   node bench/bulk-invitations.mjs        (prints the markdown section; needs .next-bench built)
//   import { benchBulkInvitations } from "./bulk-invitations.mjs"   → { json, markdown }
//
// DATABASE_URL (standalone): an admin connection to a local PostgreSQL (default postgres://postgres@127.0.0.1:5432/postgres).
// BENCH_BULK_PATIENTS: how many patients (default 10000).
import { createHash, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generateSync } from "otplib";
import { assertLocalDatabase, createScratchDatabase } from "../test-kit/scratch-database.mjs";
import { actionId, bodyText, loadForm, postAction } from "./lib/actions.mjs";
import { appEnv, DIST_DIR, startApp, startFakeResend } from "./lib/app.mjs";
import { connect } from "./lib/db.mjs";
import { makeAgent, send } from "./lib/http.mjs";
import { stop } from "./lib/procs.mjs";
import { loadNow } from "./lib/load-gate.mjs";

const PORTS = { app: 3520, app2: 3521, resend: 3522 };
const PROVIDER_RPS = 2; // the fake's limit, as Resend's default
const BATCH = 100; // Resend's batch endpoint
const LIMIT_EMAILS_PER_S = PROVIDER_RPS * BATCH;
const TARGETS = { enqueueS: 5, rateRatio: 0.9 };
const STAFF = { email: "bulk.bench@clinic.test", password: "bulk-bench-staff-password-0123" };
const DELIVERY_TIMEOUT_MS = 10 * 60_000;

// ---------------------------------------------------------------------------------------------------------
// Patients: realistic names, a fifth of them in families of two or three sharing one address (the per-recipient
// cap allows 3 an hour, so every one of them is queued), all Unactivated (access on, email and ZIP, no account).

const FIRST = (
  "Olivia Liam Emma Noah Amelia Oliver Ava Elijah Sophia Mateo Isabella Lucas Mia Levi Evelyn Asher Harper James Luna " +
  "Leo Camila Grayson Gianna Ezra Elizabeth Luca Eleanor Ethan Ella Aiden Abigail Wyatt Sofia Sebastian Avery Jack Scarlett Muhammad " +
  "Emily Hudson Aria Benjamin Penelope Jackson Chloe Mason Layla Daniel Mila Henry Nora Michael Hazel Kwame Aiko Wei Priya Oksana Chidi " +
  "José María Zoë Siobhán Björn Ngozi Thanh Fatima Dmitri Ingrid"
).split(" ");
const LAST = (
  "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson " +
  "Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King " +
  "Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts O'Brien García-López " +
  "Okafor Tanaka Lindqvist Asante Ivanova Müller Kowalski Nakamura Haddad D'Souza Van der Berg Nwosu Petrov Silva"
).split(" ");
const ZIPS = ["62701", "62702", "62703", "62704", "62707", "62711", "62712", "62629", "62650", "62675"];

function makePatients(n, seed) {
  let x = seed >>> 0 || 1;
  const rnd = (k) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % k;
  };
  const ascii = (s) =>
    s
      .normalize("NFD")
      .replace(/[^A-Za-z]/g, "")
      .toLowerCase();
  const rows = [];
  let family = null;
  for (let i = 0; i < n; i++) {
    const last = family && family.left > 0 ? family.last : LAST[rnd(LAST.length)];
    const first = FIRST[rnd(FIRST.length)];
    let email;
    if (family && family.left > 0) {
      email = family.email;
      family.left--;
    } else if (rnd(10) < 1) {
      // A family: this patient and one or two more share the address (two or three in all).
      email = `${ascii(last)}.family${i}@example.net`;
      family = { last, email, left: 1 + rnd(2) };
    } else {
      email = `${ascii(first)}.${ascii(last)}${i}@example.com`;
    }
    const y = 1940 + rnd(80);
    rows.push({
      chart_number: `BULK-${String(i).padStart(6, "0")}`,
      first_name: first,
      last_name: last,
      date_of_birth: `${y}-${String(1 + rnd(12)).padStart(2, "0")}-${String(1 + rnd(28)).padStart(2, "0")}`,
      email,
      zip: ZIPS[rnd(ZIPS.length)],
      portal_access_enabled: true,
    });
  }
  return rows;
}

async function insertPatients(sql, rows) {
  const cols = ["chart_number", "first_name", "last_name", "date_of_birth", "email", "zip", "portal_access_enabled"];
  for (let i = 0; i < rows.length; i += 2000) await sql`insert into patients ${sql(rows.slice(i, i + 2000), cols)}`;
}

// ---------------------------------------------------------------------------------------------------------
// A scratch database per phase: created, migrated and given a staff member (with an authenticator app, as staff
// must have a second factor) by the app's own scripts.

async function scratchDatabase(adminUrl, logDir, label, cleanups) {
  const scratch = await createScratchDatabase(adminUrl, "pp_bench_bulk");
  cleanups.push(scratch.drop);
  const databaseUrl = scratch.url;
  const authSecret = randomBytes(32).toString("base64url");
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret,
    APP_URL: `http://127.0.0.1:${PORTS.app}`,
  };
  delete env.PGLITE_DIR;
  delete env.NODE_ENV;
  const tsx = ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server"];
  const log = path.join(logDir, `bulk-${label}-setup.log`);
  const out = (args, input) => {
    const r = execFileSync("node", [...tsx, ...args], {
      env,
      input,
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
      timeout: 180_000,
    });
    writeFileSync(log, r, { flag: "a" });
    return r;
  };
  out(["scripts/migrate.ts"]);
  out(
    ["scripts/staff-create.ts", "--email", STAFF.email, "--role", "front_desk", "--name", "Bulk Bench"],
    `${STAFF.password}\n`,
  );
  const added = /^@@staff-totp (.*)$/m.exec(out(["bench/staff-authenticator.ts", "--email", STAFF.email]))?.[1];
  if (!added) throw new Error(`bench/staff-authenticator.ts gave no key (see ${log})`);
  return { name: scratch.name, databaseUrl, authSecret, totp: JSON.parse(added) };
}

// ---------------------------------------------------------------------------------------------------------
// Staff sign-in (password, then the authenticator app's code) and the confirmation form, posted as Chromium posts
// them.

const cookieJar = (setCookie = []) =>
  Object.fromEntries(setCookie.map((c) => c.split(";")[0].split("=")).map(([k, ...v]) => [k, v.join("=")]));
/** The jar after an answer's Set-Cookie headers; a cookie set to "" (cleared) is dropped. */
const withCookies = (jar, setCookie) =>
  Object.fromEntries(Object.entries({ ...jar, ...cookieJar(setCookie) }).filter(([, v]) => v !== ""));
const cookieHeader = (jar) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

/**
 * The code the staff member's authenticator app shows now (lib/second-factor/totp.ts's parameters). The step used
 * to add the app cannot sign in again, so within that step the next one's code is typed: the app accepts a step
 * of clock drift either way.
 */
function totpCodeNow({ secret, acceptedStep }) {
  const step = Math.max(Math.floor(Date.now() / 30_000), acceptedStep + 1);
  return generateSync({ secret, epoch: step * 30, period: 30, digits: 6 });
}

async function signInStaff(appUrl, agent, totp) {
  const redirectOf = (res) => new URL((res.headers["x-action-redirect"] ?? "/").split(";")[0], appUrl).pathname;
  const failed = (step, res) =>
    new Error(
      `staff sign-in failed at the ${step}: status ${res.status}, redirect "${res.headers["x-action-redirect"] ?? ""}", ${bodyText(res).slice(0, 200)}`,
    );
  const form = await loadForm(appUrl, "/admin/login", agent);
  const id = actionId(DIST_DIR, "app/admin/login/actions.ts", "signInStaff");
  const res = await postAction({ appUrl, form, id, values: { email: STAFF.email, password: STAFF.password }, agent });
  let jar = withCookies(cookieJar(form.cookie ? form.cookie.split("; ") : []), res.headers["set-cookie"]);
  if (redirectOf(res) !== "/admin/login/second-step") throw failed("password step", res);

  const second = await loadForm(appUrl, "/admin/login/second-step", agent, { cookie: cookieHeader(jar) });
  const secondId = actionId(DIST_DIR, "app/admin/login/second-step/actions.ts", "verifyStaffSecondStep");
  if (second.boundId !== secondId || !second.hidden.some(([n, v]) => n === "method" && v === "totp"))
    throw new Error(`/admin/login/second-step shows no authenticator-app form (fields ${second.visible.join(", ")})`);
  jar = withCookies(jar, second.cookie ? second.cookie.split("; ") : []);
  const done = await postAction({
    appUrl,
    form: second,
    id: secondId,
    values: { code: totpCodeNow(totp) },
    agent,
    headers: { Cookie: cookieHeader(jar) },
  });
  jar = withCookies(jar, done.headers["set-cookie"]);
  if (!/^\/admin/.test(redirectOf(done)) || !Object.keys(jar).some((k) => /session-token/.test(k)))
    throw failed("second step", done);
  return jar;
}

/**
 * Loads /admin/invitations/new?all=unactivated as the signed-in staff member and posts its form. The form calls
 * the action directly (no useActionState), so its one argument is the FormData: "0" = ["$K1"].
 */
async function confirmAll(appUrl, agent, jar) {
  const pagePath = "/admin/invitations/new?all=unactivated";
  const page = await send({
    url: new URL(pagePath, appUrl).toString(),
    agent,
    headers: { Accept: "text/html", "Accept-Encoding": "identity", Cookie: cookieHeader(jar) },
  });
  if (page.status !== 200) throw new Error(`GET ${pagePath}: status ${page.status}`);
  const planned = Number(/(\d+) invitations? will be sent/.exec(page.body.replace(/<!-- -->/g, ""))?.[1] ?? NaN);
  // The confirmation form (the staff layout has a sign-out form before it).
  const form = [...page.body.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => /name="all"/.test(f));
  if (!form || !(planned > 0))
    throw new Error(
      `GET ${pagePath}: no invitations to confirm: ${page.body
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ")
        .slice(-600)}`,
    );
  const hidden = [...form.matchAll(/<input\b([^>]*)>/g)]
    .map((m) => m[1])
    .filter((a) => /\stype="hidden"/.test(a))
    .map((a) => [/\sname="([^"]*)"/.exec(a)?.[1], (/\svalue="([^"]*)"/.exec(a)?.[1] ?? "").replace(/&amp;/g, "&")]);
  const id = actionId(DIST_DIR, "app/admin/(staff)/invitations/actions.ts", "confirmBulkInvitations");
  const boundary = `----WebKitFormBoundary${randomBytes(8).toString("hex")}`;
  const parts = hidden.map(
    ([n, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="_1_${n}"\r\n\r\n${v}\r\n`,
  );
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--${boundary}--\r\n`);
  const tree = [
    "",
    {
      children: [
        "admin",
        {
          children: [
            "(staff)",
            {
              children: [
                "invitations",
                { children: ["new", { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0] },
                null,
                null,
                0,
              ],
            },
            null,
            null,
            0,
          ],
        },
        null,
        null,
        0,
      ],
    },
    null,
    null,
    16,
  ];
  const started = process.hrtime.bigint();
  const res = await send({
    url: new URL(pagePath, appUrl).toString(),
    method: "POST",
    agent,
    timeoutMs: 120_000,
    raw: true,
    body: Buffer.from(parts.join(""), "utf8"),
    headers: {
      Accept: "text/x-component",
      "Accept-Encoding": "gzip, deflate, br, zstd",
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
      Cookie: cookieHeader(jar),
      Origin: new URL(appUrl).origin,
      Referer: new URL(pagePath, appUrl).toString(),
      "Sec-Fetch-Dest": "empty",
      "Sec-Fetch-Mode": "cors",
      "Sec-Fetch-Site": "same-origin",
      "User-Agent":
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
      "Next-Action": id,
      "Next-Router-State-Tree": encodeURIComponent(JSON.stringify(tree)),
    },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const bulkId = /\/admin\/invitations\/([0-9a-f-]{36})/.exec(res.headers["x-action-redirect"] ?? "")?.[1];
  if (!bulkId)
    throw new Error(`confirm: no redirect to the progress page (status ${res.status}): ${bodyText(res).slice(0, 300)}`);
  return { ms, bulkId, planned };
}

// ---------------------------------------------------------------------------------------------------------
// What the fake received, checked against the database.

async function fakeControl(resendUrl, body) {
  const r = await send({
    url: `${resendUrl}/_fake/control`,
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (r.status !== 200) throw new Error(`fake control: ${r.status} ${r.body}`);
}

async function waitDelivered(sql, bulkId, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [{ waiting }] =
      await sql`select count(*)::int as waiting from email_outbox where bulk_invitation_id = ${bulkId} and status in ('queued', 'sending')`;
    if (waiting === 0) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function checkDelivery(sql, resendUrl, bulkId) {
  const r = await send({ url: `${resendUrl}/_fake/messages`, timeoutMs: 120_000 });
  const messages = JSON.parse(r.body);
  const tokens = await sql`select token_hash, patient_id from account_tokens where issued_via = 'bulk'`;
  const patientOf = new Map(tokens.map((t) => [t.token_hash, t.patient_id]));
  const rows = await sql`select status, count(*)::int as n, count(*) filter (where attempts > 1)::int as retried
    from email_outbox where bulk_invitation_id = ${bulkId} group by status`;
  const by = Object.fromEntries(rows.map((x) => [x.status, x.n]));
  const retriedRows = rows.reduce((s, x) => s + x.retried, 0);
  const [bulk] = await sql`select queued, skipped from bulk_invitations where id = ${bulkId}`;
  const seenPatient = new Map();
  const seenKey = new Set();
  let dupPatient = 0;
  let dupKey = 0;
  let unknown = 0;
  const batches = new Map();
  for (const m of messages) {
    const token = /token=([A-Za-z0-9_-]{43})/.exec(m.text ?? "")?.[1];
    const patient = token ? patientOf.get(createHash("sha256").update(token).digest("hex")) : undefined;
    if (!patient) unknown++;
    else if (seenPatient.has(patient)) dupPatient++;
    else seenPatient.set(patient, m);
    const k = `${m.idempotencyKey}|${m.to[0]}|${token}`;
    if (seenKey.has(k)) dupKey++;
    seenKey.add(k);
    const b = batches.get(m.idempotencyKey) ?? { at: m.receivedAt, n: 0 };
    b.n++;
    b.at = Math.min(b.at, m.receivedAt);
    batches.set(m.idempotencyKey, b);
  }
  const calls = [...batches.values()].sort((a, b) => a.at - b.at);
  const spanMs = calls.length > 1 ? calls.at(-1).at - calls[0].at : 0;
  // From the first accepted call to the last: every email after the first call's, over that span.
  const rate = spanMs > 0 ? ((messages.length - calls[0].n) * 1000) / spanMs : null;
  const queued = bulk.queued;
  return {
    queued,
    skipped: bulk.skipped,
    outbox: by,
    received: messages.length,
    distinctPatients: seenPatient.size,
    lost: queued - seenPatient.size,
    duplicates: { samePatient: dupPatient, sameKey: dupKey },
    unknownMessages: unknown,
    providerCalls: calls.length,
    meanPerCall: calls.length ? messages.length / calls.length : 0,
    retriedRows,
    firstToLastS: spanMs / 1000,
    // When each accepted call arrived (ms after the first) and how many emails it carried.
    calls: calls.map((c) => [c.at - calls[0].at, c.n]),
    emailsPerS: rate,
    ratio: rate === null ? null : rate / LIMIT_EMAILS_PER_S,
  };
}

// ---------------------------------------------------------------------------------------------------------

async function phase({ label, instances, adminUrl, logDir, n, resendUrl, cleanups }) {
  const db = await scratchDatabase(adminUrl, logDir, label, cleanups);
  const sql = connect(db.databaseUrl);
  cleanups.push(() => sql.end({ timeout: 5 }));
  const t0 = Date.now();
  await insertPatients(sql, makePatients(n, 0x5eed + instances));
  const insertS = (Date.now() - t0) / 1000;
  await sql`analyze`;
  await fakeControl(resendUrl, { clear: true, rateLimit: PROVIDER_RPS });

  const ports = [PORTS.app, PORTS.app2].slice(0, instances);
  const apps = [];
  try {
    for (const [i, port] of ports.entries()) {
      const env = appEnv({
        port,
        resendPort: PORTS.resend,
        databaseUrl: db.databaseUrl,
        authSecret: db.authSecret,
        limits: null,
      });
      // Links are built from APP_URL: every instance uses the first one's, as behind one load balancer.
      env.APP_URL = `http://127.0.0.1:${PORTS.app}`;
      apps.push(
        await startApp({
          name: `bulk-${label}-app${i + 1}`,
          port,
          env,
          logFile: path.join(logDir, `bulk-${label}-app${i + 1}.log`),
        }),
      );
    }
    const appUrl = `http://127.0.0.1:${PORTS.app}`;
    const agent = makeAgent(1);
    const jar = await signInStaff(appUrl, agent, db.totp);
    const load = { start: loadNow() };
    const confirm = await confirmAll(appUrl, agent, jar);
    const progress = await send({
      url: `${appUrl}/admin/invitations/${confirm.bulkId}`,
      agent,
      headers: { Cookie: cookieHeader(jar), Accept: "text/html" },
    });
    agent.destroy();
    const done = await waitDelivered(sql, confirm.bulkId, DELIVERY_TIMEOUT_MS);
    load.end = loadNow();
    // Let a straggling duplicate (if any) land before counting.
    await new Promise((r) => setTimeout(r, 3000));
    const delivery = await checkDelivery(sql, resendUrl, confirm.bulkId);
    return {
      label,
      instances,
      patients: n,
      insertS,
      planned: confirm.planned,
      enqueueS: confirm.ms / 1000,
      progressPageStatus: progress.status,
      allDone: done,
      load,
      ...delivery,
    };
  } finally {
    for (const a of apps) await stop(a);
  }
}

const fmt = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? "n/a" : Number(v).toFixed(d));

function render(json) {
  const [one, two] = json.phases;
  const row = (cells) => `| ${cells.join(" | ")} |`;
  const lines = [
    "## Bulk invitations (10,000 patients)",
    "",
    `Fake Resend limited to ${PROVIDER_RPS} requests/s (429 with Retry-After: 1 beyond), batch endpoint (${BATCH} per call), so at most ${LIMIT_EMAILS_PER_S} emails/s. ` +
      `Enqueue = the "Send invitations" confirmation posted by a signed-in staff member (plan + queue, until the redirect to the progress page). ` +
      `Rate = emails after the first accepted call ÷ time from the first to the last accepted call.`,
    "",
    row(["figure", "target", "measured", "baseline / limit", "ratio"]),
    row(["---", "---", "---", "---", "---"]),
    row([
      `enqueue ${one.queued} invitations (one instance)`,
      `< ${TARGETS.enqueueS} s`,
      `${fmt(one.enqueueS, 2)} s`,
      `${TARGETS.enqueueS} s`,
      fmt(one.enqueueS / TARGETS.enqueueS, 2),
    ]),
    row([
      "delivery rate, one instance",
      `≥ ${TARGETS.rateRatio * 100}% of limit`,
      `${fmt(one.emailsPerS)} emails/s`,
      `${LIMIT_EMAILS_PER_S} emails/s`,
      fmt(one.ratio, 3),
    ]),
    row([
      "lost / duplicates, one instance",
      "0 / 0",
      `${one.lost} / ${one.duplicates.samePatient + one.duplicates.sameKey}`,
      `${one.queued} queued`,
      "—",
    ]),
    row([
      `enqueue ${two.queued} invitations (two instances)`,
      `< ${TARGETS.enqueueS} s`,
      `${fmt(two.enqueueS, 2)} s`,
      `${TARGETS.enqueueS} s`,
      fmt(two.enqueueS / TARGETS.enqueueS, 2),
    ]),
    row([
      "delivery rate, two instances",
      `≥ ${TARGETS.rateRatio * 100}% of limit`,
      `${fmt(two.emailsPerS)} emails/s`,
      `${LIMIT_EMAILS_PER_S} emails/s`,
      fmt(two.ratio, 3),
    ]),
    row([
      "lost / duplicates, two instances (exactly once)",
      "0 / 0",
      `${two.lost} / ${two.duplicates.samePatient + two.duplicates.sameKey}`,
      `${two.queued} queued`,
      "—",
    ]),
    "",
    ...json.phases.map(
      (p) =>
        `- ${p.instances} instance${p.instances > 1 ? "s" : ""}: ${p.received} emails received in ${p.providerCalls} calls (${fmt(p.meanPerCall)} per call), ` +
        `first to last ${fmt(p.firstToLastS)} s; ${p.retriedRows} rows needed a second attempt (429 or error); ` +
        `outbox ${Object.entries(p.outbox)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}; ${p.skipped} skipped; ` +
        `${p.patients} patients inserted in ${fmt(p.insertS)} s; progress page ${p.progressPageStatus}; load ${p.load.start.join("/")} → ${p.load.end.join("/")}.`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

export async function benchBulkInvitations({
  adminUrl,
  logDir,
  patients = Number(process.env.BENCH_BULK_PATIENTS ?? 10_000),
}) {
  mkdirSync(logDir, { recursive: true });
  if (!existsSync(path.join(DIST_DIR, "BUILD_ID")))
    throw new Error(`${DIST_DIR} is missing: NEXT_DIST_DIR=${DIST_DIR} npx next build (then restore tsconfig.json)`);
  const cleanups = [];
  const fake = await startFakeResend({ port: PORTS.resend, logFile: path.join(logDir, "bulk-fake-resend.log") });
  const resendUrl = `http://127.0.0.1:${PORTS.resend}`;
  try {
    const phases = [];
    for (const [label, instances] of [
      ["one", 1],
      ["two", 2],
    ]) {
      console.log(`bulk invitations: ${patients} patients, ${instances} instance${instances > 1 ? "s" : ""}…`);
      phases.push(await phase({ label, instances, adminUrl, logDir, n: patients, resendUrl, cleanups }));
      const p = phases.at(-1);
      console.log(
        `  enqueue ${fmt(p.enqueueS, 2)} s; ${fmt(p.emailsPerS)} emails/s (${fmt(p.ratio, 3)} of ${LIMIT_EMAILS_PER_S}); lost ${p.lost}; duplicates ${p.duplicates.samePatient + p.duplicates.sameKey}`,
      );
    }
    const json = {
      providerRequestsPerSecond: PROVIDER_RPS,
      batch: BATCH,
      limitEmailsPerS: LIMIT_EMAILS_PER_S,
      targets: TARGETS,
      phases,
    };
    writeFileSync(path.join(logDir, "bulk-invitations.json"), JSON.stringify(json, null, 2));
    return { json, markdown: render(json) };
  } finally {
    await stop(fake);
    while (cleanups.length)
      await cleanups
        .pop()()
        .catch((e) => console.error(`bulk bench cleanup: ${e.message}`));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  assertLocalDatabase(adminUrl);
  const logDir = path.join("bench/.work", `logs-bulk-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  benchBulkInvitations({ adminUrl, logDir }).then(
    ({ markdown }) => {
      console.log(`\n${markdown}`);
      process.exit(0);
    },
    (e) => {
      console.error(`bulk invitations bench failed: ${e.stack ?? e.message}`);
      process.exit(1);
    },
  );
}
