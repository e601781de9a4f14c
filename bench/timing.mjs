// Timing indistinguishability (docs/security.md V2 and P6), measured over HTTP against the production build.
//   (a) the create-account action: an eligible patient, unknown email, access off, has an account, ambiguous
//   (b) the patient sign-in action: unknown user, wrong password, locked account
//   (c) the staff second step (docs/security.md M6): a wrong code, an old code (outside the drift window) and a
//       replayed code (the step was already used), each against a fresh half-done sign-in
//   (d), (e) as (a) and (b) with every request from a Spanish page (the language cookie set): the language
//       changes the words of the answer, never what it reveals
// Each run sends N requests per outcome in one random interleaved order, one at a time on one keep-alive
// connection, and compares every outcome with the reference outcome by a two-sided Mann-Whitney U test.
// Run by bench/run.mjs; on its own: BENCH_APP_URL=... BENCH_DATABASE_URL=... node bench/timing.mjs
import { createHash, randomBytes, randomInt } from "node:crypto";
import { generateSync } from "otplib";
import { writeFileSync } from "node:fs";
import { actionId, actionResult, bodyText, loadForm, postAction } from "./lib/actions.mjs";
import { postFormRoute } from "./lib/form-route.mjs";
import { loadSignInPage, postSignIn } from "./lib/sign-in.mjs";
import { connect, waitForIdleWorker } from "./lib/db.mjs";
import { makeAgent } from "./lib/http.mjs";
import { loadNow } from "./lib/load-gate.mjs";
import { mannWhitneyU } from "./lib/mann-whitney.mjs";
import { fmtMs, fmtP, median, p99, shuffle } from "./lib/stats.mjs";

const appUrl = process.env.BENCH_APP_URL ?? "http://127.0.0.1:3510";
const databaseUrl = process.env.BENCH_DATABASE_URL;
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
const N = Number(process.env.BENCH_TIMING_N ?? 300);
const RUNS = Number(process.env.BENCH_TIMING_RUNS ?? 3);
const parts = (process.env.BENCH_PARTS ?? "a,b,c,d,e").split(",");
const out = process.env.BENCH_OUT ?? "bench/.work/timing.json";
// No run may take longer than this, whatever the app does.
const RUN_LIMIT_MS = Number(process.env.BENCH_TIMING_RUN_LIMIT_MS ?? 15 * 60_000);
if (!databaseUrl) throw new Error("BENCH_DATABASE_URL is required");

const sql = connect(databaseUrl);
const hex = (n) => randomBytes(n).toString("hex");

// Demo patients (db/seed/demo.ts) and the duplicate chart bench/run.mjs imports for Kwame Asante.
const dob = (iso) => {
  const [y, m, d] = iso.split("-");
  return { dobYear: y, dobMonth: String(Number(m)), dobDay: String(Number(d)) };
};
const VERIFY_OUTCOMES = {
  matched: () => ({ email: "nora.l@example.com", lastName: "Lindqvist", ...dob("1972-01-09"), zip: "62701" }),
  unmatched: () => ({ email: `p${hex(4)}@example.org`, lastName: "Lindqvist", ...dob("1972-01-09"), zip: "62701" }),
  access_off: () => ({ email: "harold.finch@example.com", lastName: "Finch", ...dob("1955-05-05"), zip: "62710" }),
  has_account: () => ({
    email: "maria.garcia@example.com",
    lastName: "García-López",
    ...dob("1978-04-12"),
    zip: "62701",
  }),
  ambiguous: () => ({ email: "kwame.asante@example.com", lastName: "Asante", ...dob("1980-11-11"), zip: "62708" }),
};

const SIGN_IN_MESSAGE =
  "Username or password is not right. Check them and try again, or use the links below if you forgot them.";
const WRONG_PASSWORD_ACCOUNTS = ["mgarcia", "sobrien", "aiko.t", "liwei84"];
const LOCKED_ACCOUNT = "gokafor";
// 21 characters, like the demo password, for every outcome.
const wrongPassword = () => `wrong-${hex(7)}-x`.slice(0, 21);
const SIGN_IN_OUTCOMES = {
  wrong_password: (i) => ({
    username: WRONG_PASSWORD_ACCOUNTS[i % WRONG_PASSWORD_ACCOUNTS.length],
    password: wrongPassword(),
  }),
  unknown_user: () => ({ username: `u${hex(4)}`.slice(0, 8), password: wrongPassword() }),
  locked: () => ({ username: LOCKED_ACCOUNT, password: wrongPassword() }),
};

function compare(samples, reference) {
  const out = { n: {}, median: {}, p99: {}, diffMs: {}, ratio: {}, p: {} };
  for (const [k, v] of Object.entries(samples)) {
    out.n[k] = v.length;
    out.median[k] = median(v);
    out.p99[k] = p99(v);
  }
  for (const k of Object.keys(samples)) {
    if (k === reference) continue;
    out.diffMs[k] = out.median[k] - out.median[reference];
    out.ratio[k] = out.median[k] / out.median[reference];
    out.p[k] = mannWhitneyU(samples[k], samples[reference]).p;
  }
  return out;
}

function printRun(title, r, reference) {
  console.log(`  ${title}`);
  for (const k of Object.keys(r.median)) {
    const vs =
      k === reference
        ? "(reference)"
        : `diff ${r.diffMs[k] >= 0 ? "+" : ""}${r.diffMs[k].toFixed(2)} ms, p = ${fmtP(r.p[k])}`;
    console.log(
      `    ${k.padEnd(15)} n=${r.n[k]}  median ${fmtMs(r.median[k]).padStart(9)}  p99 ${fmtMs(r.p99[k]).padStart(9)}  ${vs}`,
    );
  }
}

/** One interleaved run: N of each outcome in random order; `check` validates each answer; `between` runs untimed. */
async function interleavedRun({ outcomes, send, check, between }) {
  const labels = shuffle(Object.keys(outcomes).flatMap((k) => Array.from({ length: N }, () => k)));
  const samples = Object.fromEntries(Object.keys(outcomes).map((k) => [k, []]));
  const anomalies = [];
  const counters = Object.fromEntries(Object.keys(outcomes).map((k) => [k, 0]));
  const deadline = Date.now() + RUN_LIMIT_MS;
  for (const label of labels) {
    if (Date.now() > deadline)
      throw new Error(`a timing run took longer than ${RUN_LIMIT_MS / 60_000} minutes; stopped`);
    const values = outcomes[label](counters[label]++);
    const res = await send(values);
    samples[label].push(res.ms);
    const problem = check(res, values);
    if (problem) anomalies.push(`${label}: ${problem}`);
    if (between) await between(label, values);
  }
  return { samples, anomalies };
}

// A Spanish page: the cookie the language switch sets (lib/i18n/locales.ts).
const LANGUAGE_COOKIE = { en: undefined, es: "pp_lang=es" };

async function verificationTiming(lang = "en") {
  const agent = makeAgent(1);
  const form = await loadForm(appUrl, "/register", agent, { cookie: LANGUAGE_COOKIE[lang] });
  const expected = ["email", "lastName", "dobMonth", "dobDay", "dobYear", "zip"];
  if (expected.some((f) => !form.visible.includes(f)))
    throw new Error(`/register's fields are ${form.visible.join(", ")}`);
  const cookie = [LANGUAGE_COOKIE[lang], form.cookie].filter(Boolean).join("; ");
  // Posted to the form's route, as the page does with JavaScript.
  const send = (fields) =>
    postFormRoute({ appUrl, route: "/register/send", pagePath: "/register", fields, cookie, agent });
  const check = (res) => {
    if (res.status !== 200) return `status ${res.status}`;
    return res.state?.result?.submitted === true ? null : `answer ${res.body.slice(0, 120)}`;
  };
  const [{ before }] =
    await sql`select coalesce(max(created_at), to_timestamp(0)) as before from verification_attempts`;

  console.log(
    `(${lang === "en" ? "a" : "d"}) create account${lang === "en" ? "" : `, ${lang} page`}: ${N} requests per outcome x ${Object.keys(VERIFY_OUTCOMES).length} outcomes, interleaved, ${RUNS} runs; form fields: ${form.visible.join(", ")}`,
  );
  // Warm-up, not recorded: JIT, connection pool, the first seal.
  for (const label of shuffle(Object.keys(VERIFY_OUTCOMES).flatMap((k) => [k, k, k, k, k, k])))
    await send(VERIFY_OUTCOMES[label]());
  await waitForIdleWorker(sql, 120_000);

  const runs = [];
  for (let run = 1; run <= RUNS; run++) {
    const load = { start: loadNow() };
    const t0 = Date.now();
    const { samples, anomalies } = await interleavedRun({ outcomes: VERIFY_OUTCOMES, send, check });
    load.end = loadNow();
    const r = {
      ...compare(samples, "matched"),
      anomalies: anomalies.length,
      anomalyExamples: anomalies.slice(0, 5),
      seconds: (Date.now() - t0) / 1000,
      load,
    };
    runs.push(r);
    printRun(
      `run ${run} (${r.seconds.toFixed(0)} s, load ${load.start[0]} -> ${load.end[0]}, ${anomalies.length} answers not {submitted:true})`,
      r,
      "matched",
    );
    // The worker matches what the run recorded; let it finish so the next run starts from a quiet app.
    const idle = await waitForIdleWorker(sql, 180_000);
    if (!idle) console.log("    (the worker was still busy after 3 minutes; going on)");
  }
  const outcomeRows =
    await sql`select coalesce(outcome, 'pending') as outcome, count(*)::int as n from verification_attempts
    where created_at > ${before} group by 1 order by 1`;
  const outcomes = Object.fromEntries(outcomeRows.map((r) => [r.outcome, r.n]));
  const held = await sql`select status, count(*)::int as n from email_outbox group by 1 order by 1`;
  console.log(
    `  what the worker decided: ${JSON.stringify(outcomes)}; email outbox: ${JSON.stringify(Object.fromEntries(held.map((r) => [r.status, r.n])))}`,
  );
  return {
    reference: "matched",
    lang,
    n: N,
    runs,
    workerOutcomes: outcomes,
    outbox: Object.fromEntries(held.map((r) => [r.status, r.n])),
  };
}

async function signInTiming(lang = "en") {
  const agent = makeAgent(1);
  const page = await loadSignInPage(appUrl, agent, { cookie: LANGUAGE_COOKIE[lang] });
  const send = ({ username, password }) => postSignIn({ appUrl, page, username, password, agent });
  // In English the message is known; in another language every outcome must give the first answer's words,
  // which must not be the English ones.
  let expected = lang === "en" ? SIGN_IN_MESSAGE : null;
  const check = (res) => {
    if (res.status !== 200) return `status ${res.status}`;
    const result = res.state;
    // The refusal is the form's message (its "message" or, as the form now reads it, its "error").
    const said = result?.message ?? result?.error;
    if (expected === null && typeof said === "string" && said !== SIGN_IN_MESSAGE) expected = said;
    return said === expected ? null : `answer ${JSON.stringify(result)?.slice(0, 120)}`;
  };
  const resetFailures = (usernames) =>
    sql`update portal_accounts set failed_login_count = 0, locked_until = null where username = any(${usernames})`;

  async function lockAccount() {
    // docs/security.md S1: the 10th failure in a row locks the account for 15 minutes. The first nine are written
    // directly (through the app they would take the 31 s of waits from the 5th failure on); the 10th goes
    // through the app. Its bookkeeping runs just after the answer, so give it a moment.
    await sql`update portal_accounts set failed_login_count = 9, locked_until = null where username = ${LOCKED_ACCOUNT}`;
    await send({ username: LOCKED_ACCOUNT, password: wrongPassword() });
    await new Promise((r) => setTimeout(r, 1_000));
    const [row] =
      await sql`select locked_until > now() + interval '14 minutes' as locked from portal_accounts where username = ${LOCKED_ACCOUNT}`;
    if (!row?.locked) throw new Error(`${LOCKED_ACCOUNT} is not locked after its 10th wrong password`);
  }

  console.log(
    `(${lang === "en" ? "b" : "e"}) patient sign-in (the /login/sign-in route, which is what the page posts with JavaScript)${lang === "en" ? "" : `, ${lang} page`}: ${N} per outcome x 3, interleaved, ${RUNS} runs`,
  );
  await resetFailures(WRONG_PASSWORD_ACCOUNTS);
  for (const label of shuffle(Object.keys(SIGN_IN_OUTCOMES).flatMap((k) => [k, k, k, k, k])))
    await send(SIGN_IN_OUTCOMES[label](0));
  await resetFailures(WRONG_PASSWORD_ACCOUNTS);

  const runs = [];
  for (let run = 1; run <= RUNS; run++) {
    await lockAccount();
    const load = { start: loadNow() };
    const t0 = Date.now();
    const { samples, anomalies } = await interleavedRun({
      outcomes: SIGN_IN_OUTCOMES,
      send,
      check,
      // Keep "wrong password" a wrong password (not a lock): clear the account's failure count, untimed.
      between: (label, values) => (label === "wrong_password" ? resetFailures([values.username]) : null),
    });
    load.end = loadNow();
    const [still] =
      await sql`select locked_until > now() as locked from portal_accounts where username = ${LOCKED_ACCOUNT}`;
    const r = {
      ...compare(samples, "wrong_password"),
      anomalies: anomalies.length,
      anomalyExamples: anomalies.slice(0, 5),
      seconds: (Date.now() - t0) / 1000,
      load,
      lockedThroughout: !!still?.locked,
    };
    runs.push(r);
    printRun(
      `run ${run} (${r.seconds.toFixed(0)} s, load ${load.start[0]} -> ${load.end[0]}, ${anomalies.length} answers not the common message, locked account still locked: ${r.lockedThroughout})`,
      r,
      "wrong_password",
    );
  }
  await resetFailures([...WRONG_PASSWORD_ACCOUNTS, LOCKED_ACCOUNT]);
  return { reference: "wrong_password", lang, message: expected, n: N, runs };
}

// The demo admin's authenticator key is public, like their password (lib/second-factor/demo-authenticators.ts).
const DEMO_ADMIN = { email: "admin@demo.clinic", totpSecret: "GHFWXYFGYHPAEOCR6QMEQFFOYJIZKRCO" };
const WRONG_CODE_MESSAGE = "That code did not work";
const stepNow = () => Math.floor(Date.now() / 30_000);
const codeAt = (step) => generateSync({ secret: DEMO_ADMIN.totpSecret, epoch: step * 30, period: 30, digits: 6 });
const CODE_OUTCOMES = {
  wrong: () => {
    const live = [-1, 0, 1].map((d) => codeAt(stepNow() + d));
    let code;
    do code = String(randomInt(1_000_000)).padStart(6, "0");
    while (live.includes(code));
    return { code };
  },
  // What the app showed 90 seconds ago: outside the one-step drift window.
  old: () => ({ code: codeAt(stepNow() - 3) }),
  // The app's current code, whose step the account already used (set before each request, untimed).
  replayed: () => ({ code: codeAt(stepNow()) }),
};

async function secondStepTiming() {
  const id = actionId(distDir, "app/admin/login/second-step/actions.ts", "verifyStaffSecondStep");
  const [admin] = await sql`select id, session_version from staff_users where email = ${DEMO_ADMIN.email}`;
  if (!admin) throw new Error(`${DEMO_ADMIN.email} is not in the bench database`);
  // A half-done sign-in made directly (untimed): the password step would add an Argon2 hash to every sample.
  const pending = async () => {
    const token = randomBytes(32).toString("base64url");
    const hash = createHash("sha256").update(token, "utf8").digest("hex");
    await sql`insert into pending_sign_ins (token_hash, staff_user_id, session_version, purpose, expires_at)
      values (${hash}, ${admin.id}, ${admin.session_version}, 'second_step', now() + interval '5 minutes')`;
    return `pp_pending_sign_in=${token}`;
  };
  const agent = makeAgent(1);
  const form = await loadForm(appUrl, "/admin/login/second-step", agent, { cookie: await pending() });
  if (form.boundId !== id) throw new Error(`the second-step form is bound to ${form.boundId}, the manifest says ${id}`);
  if (!form.visible.includes("code")) throw new Error(`the second-step form's fields are ${form.visible.join(", ")}`);
  const send = async (values) => {
    // Untimed: a fresh account state (no failures, this step and the next already used) and a fresh pending sign-in.
    await sql`update staff_users set failed_login_count = 0, locked_until = null where id = ${admin.id}`;
    await sql`update second_factors set totp_last_step = ${stepNow() + 1} where staff_user_id = ${admin.id}`;
    const cookie = await pending();
    return postAction({ appUrl, form, id, values, agent, headers: { Cookie: cookie } });
  };
  const check = (res) => {
    if (res.status !== 200) return `status ${res.status}`;
    const text = bodyText(res);
    return text.includes(WRONG_CODE_MESSAGE) ? null : `answer ${JSON.stringify(actionResult(text))?.slice(0, 120)}`;
  };

  console.log(`(c) staff second step: ${N} per outcome x 3 (wrong, old, replayed), interleaved, ${RUNS} runs`);
  for (const label of shuffle(Object.keys(CODE_OUTCOMES).flatMap((k) => [k, k, k, k, k])))
    await send(CODE_OUTCOMES[label]());
  const runs = [];
  for (let run = 1; run <= RUNS; run++) {
    const load = { start: loadNow() };
    const t0 = Date.now();
    const { samples, anomalies } = await interleavedRun({ outcomes: CODE_OUTCOMES, send, check });
    load.end = loadNow();
    const r = {
      ...compare(samples, "wrong"),
      anomalies: anomalies.length,
      anomalyExamples: anomalies.slice(0, 5),
      seconds: (Date.now() - t0) / 1000,
      load,
    };
    runs.push(r);
    printRun(
      `run ${run} (${r.seconds.toFixed(0)} s, load ${load.start[0]} -> ${load.end[0]}, ${anomalies.length} answers not "${WRONG_CODE_MESSAGE}")`,
      r,
      "wrong",
    );
  }
  await sql`update staff_users set failed_login_count = 0, locked_until = null where id = ${admin.id}`;
  return { reference: "wrong", n: N, runs };
}

const result = { startedAt: new Date().toISOString() };
try {
  if (parts.includes("a")) result.verification = await verificationTiming();
  if (parts.includes("b")) result.signIn = await signInTiming();
  if (parts.includes("c")) result.secondStep = await secondStepTiming();
  if (parts.includes("d")) result.verificationSpanish = await verificationTiming("es");
  if (parts.includes("e")) result.signInSpanish = await signInTiming("es");
} finally {
  await sql.end({ timeout: 5 });
}
writeFileSync(out, JSON.stringify(result, null, 2));
console.log(`timing results written to ${out}`);
