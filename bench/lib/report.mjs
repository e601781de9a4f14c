// Writes bench/RESULTS.md from the JSON the scripts wrote. The hand-written "What the numbers say" section of
// the previous RESULTS.md is kept (with a reminder of the run it was written for).
//   node bench/lib/report.mjs bench/.work/logs-<stamp>     re-renders RESULTS.md from a finished run
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fmtMs, fmtP } from "./stats.mjs";
import { TIMING_ALPHA, timingVerdicts } from "./timing-verdict.mjs";

const RESULTS = "bench/RESULTS.md";
const NOTES_HEADING = "## What the numbers say";

const ms = (v) => fmtMs(v);
const x = (v) => (Number.isFinite(v) ? v.toFixed(2) : "n/a");
const pct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(v < 0.1 ? 2 : 1)}%` : "n/a");
const verdict = (ok) => (ok === null ? "n/a" : ok ? "pass" : "**FAIL**");
const slash = (arr) => arr.join(" / ");

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

// The timing parts bench/timing.mjs writes: its key, how the report names it, the requirement it measures.
const TIMING_PARTS = [
  ["verification", "create account", "V2"],
  ["verificationSpanish", "create account, Spanish page", "V2"],
  ["signIn", "sign-in", "P6"],
  ["signInSpanish", "sign-in, Spanish page", "P6"],
  ["secondStep", "staff second step", "M6"],
];

function timingRows(t, title, req, verdicts) {
  if (!t) return [];
  const rows = [];
  const outcomes = Object.keys(t.runs[0].median).filter((k) => k !== t.reference);
  for (const k of outcomes) {
    const v = verdicts[k];
    rows.push([
      `${req} ${title}: ${k.replace(/_/g, " ")} vs ${t.reference.replace(/_/g, " ")} (${t.n} each, ${t.runs.length} runs)`,
      `Holm-adjusted p ≥ ${TIMING_ALPHA} in every run; p < ${TIMING_ALPHA} in at most one run`,
      `median ${slash(t.runs.map((r) => ms(r.median[k])))}; p = ${slash(v.raw.map(fmtP))}; Holm p = ${slash(v.adjusted.map(fmtP))}`,
      "—",
      `${t.reference.replace(/_/g, " ")}: ${slash(t.runs.map((r) => ms(r.median[t.reference])))}`,
      slash(t.runs.map((r) => x(r.ratio[k]))),
      verdict(v.pass),
    ]);
  }
  return rows;
}

function perRunTable(t, title) {
  if (!t) return "";
  const lines = [
    `**${title}** (reference: ${t.reference.replace(/_/g, " ")})`,
    "",
    "| run | outcome | n | median | p99 | median − reference | p (vs reference) |",
    "|---|---|---|---|---|---|---|",
  ];
  t.runs.forEach((r, i) => {
    for (const k of Object.keys(r.median)) {
      const ref = k === t.reference;
      lines.push(
        `| ${i + 1} | ${k.replace(/_/g, " ")} | ${r.n[k]} | ${ms(r.median[k])} | ${ms(r.p99[k])} | ${ref ? "—" : `${r.diffMs[k] >= 0 ? "+" : ""}${r.diffMs[k].toFixed(2)} ms`} | ${ref ? "—" : fmtP(r.p[k])} |`,
      );
    }
  });
  lines.push("");
  const notes = t.runs.map(
    (r, i) =>
      `run ${i + 1}: ${r.seconds.toFixed(0)} s, load ${r.load.start[0]} → ${r.load.end[0]}, ${r.anomalies} answer(s) different from the common one` +
      (r.lockedThroughout === undefined
        ? ""
        : `, locked account still locked at the end: ${r.lockedThroughout ? "yes" : "no"}`),
  );
  lines.push(notes.map((n) => `- ${n}`).join("\n"));
  if (t.workerOutcomes)
    lines.push(
      `- what the worker decided for these requests: ${Object.entries(t.workerOutcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}; email outbox: ${Object.entries(t.outbox)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
  return lines.join("\n");
}

export function renderResults({
  timing,
  throughput,
  pathOnly,
  flood,
  twoInstances,
  sections = [],
  gates,
  postgresVersion,
  meta,
  logDir,
  previous,
}) {
  // Columns: figure, target, ours, peer (bench/peer-app), floor (the bare baseline, the floor app doing our SQL,
  // the hashing limit or the reference outcome, whichever the figure is measured against), ratio, verdict.
  const rows = [];
  const verdicts = timingVerdicts(Object.fromEntries(TIMING_PARTS.map(([key]) => [key, timing?.[key]])));
  for (const [key, title, req] of TIMING_PARTS) rows.push(...timingRows(timing?.[key], title, req, verdicts[key]));
  const rate = (s, unit = "req/s") =>
    `${s.rps.toFixed(1)} ${unit} (p50 ${ms(s.p50)}, p99 ${ms(s.p99)}; ${s.errors} errors${s.cpuMsPerRequest ? `; CPU ${ms(s.cpuMsPerRequest)}/request` : ""})`;

  // `floorJudged`: false with the worker inline, whose worker matches and answers the floor's and the baseline's
  // requests (they are recorded in our database) while those are measured, which flatters ours ÷ floor there.
  const throughputRows = (ca, label, { floorJudged = true } = {}) => {
    if (!ca) return;
    for (const c of [16, 64]) {
      const r = ca[c];
      if (!r) continue;
      const cpu = r.app.cpuMsPerRequest ? `; CPU ${ms(r.app.cpuMsPerRequest)}/request` : "";
      const bcpu = `; ${r.baseline.errors} errors${r.baseline.cpuMsPerRequest ? `; CPU ${ms(r.baseline.cpuMsPerRequest)}/request` : ""}`;
      const design = `${r.peerExisting || r.floorSql ? "rotation then reverse" : "ABBA"}${r.starts ? `; medians of ${r.starts.length} fresh starts, highest p99` : ""}`;
      // Ours ÷ another subject: with several starts, the median of the starts' ratios, each start's after it.
      const ratioTo = (name) => r.ratios?.[name] ?? r.app.rps / r[name].rps;
      const shown = (name) =>
        `${x(ratioTo(name))}${r.starts ? ` (starts: ${r.starts.map((st) => x(st.ratios[name])).join(" / ")})` : ""}`;
      rows.push([
        `Create-account throughput, ${c} clients, ${label} (${design}, ${r.app.seconds} s each) vs the bare baseline`,
        // The first suite's target (≥ 50% of a bare node:http server) no Next.js handler can reach on two cores;
        // with the floor app in the run, the floor and the peer are the targets and this ratio is reported.
        r.floorSqlRoute ? "(reported; the targets are the peer's and the floor's rows)" : "≥ 50% of baseline",
        `${r.app.rps.toFixed(1)} req/s (p50 ${ms(r.app.p50)}, p99 ${ms(r.app.p99)}; ${r.app.errors} errors${cpu})`,
        "—",
        `bare baseline ${r.baseline.rps.toFixed(1)} req/s (p50 ${ms(r.baseline.p50)}, p99 ${ms(r.baseline.p99)}${bcpu})`,
        shown("baseline"),
        r.floorSqlRoute ? "reported" : verdict(r.ratio >= 0.5),
      ]);
      if (r.peerExisting) {
        const ratio = ratioTo("peerExisting");
        rows.push([
          `Create account (ours) vs the peer's password-reset request for an existing email, ${c} clients, ${label}`,
          "ours ≥ 1.2 × peer",
          rate(r.app),
          rate(r.peerExisting),
          "—",
          shown("peerExisting"),
          verdict(ratio >= 1.2),
        ]);
      }
      if (r.peerUnknown) {
        rows.push([
          `Create account (ours) vs the peer's password-reset request for an unknown email, ${c} clients, ${label}`,
          "(reported)",
          `${r.app.rps.toFixed(1)} req/s`,
          rate(r.peerUnknown),
          "—",
          shown("peerUnknown"),
          "reported",
        ]);
      }
      if (r.floorSqlRoute) {
        const ratio = ratioTo("floorSqlRoute");
        rows.push([
          `Create account (ours, its route) vs the floor app doing our SQL in a bare Next.js route handler, ${c} clients, ${label}`,
          floorJudged ? "ours ≥ 0.8 × floor" : "(reported; judged with the worker off, below)",
          `${r.app.rps.toFixed(1)} req/s`,
          "—",
          `floor-sql route ${rate(r.floorSqlRoute)}`,
          shown("floorSqlRoute"),
          floorJudged ? verdict(ratio >= 0.8) : "reported",
        ]);
      }
      if (r.floorSql) {
        const ratio = ratioTo("floorSql");
        rows.push([
          `Create account (ours, its route) vs the floor app doing our SQL in a bare Next.js server action, ${c} clients, ${label}`,
          r.floorSqlRoute ? "(reported)" : "ours ≥ 0.8 × floor",
          `${r.app.rps.toFixed(1)} req/s`,
          "—",
          `floor-sql action ${rate(r.floorSql)}`,
          shown("floorSql"),
          r.floorSqlRoute ? "reported" : verdict(ratio >= 0.8),
        ]);
      }
      if (r.appAction) {
        rows.push([
          `Create account posted to its server action (a page without JavaScript), ${c} clients, ${label}`,
          "(reported)",
          rate(r.appAction),
          "—",
          "—",
          `${x(1 / ratioTo("appAction"))} of the route`,
          "reported",
        ]);
      }
      rows.push([
        `Create-account p99 latency, ${c} clients, ${label}`,
        c === 16 ? "< 100 ms" : "(none; reported)",
        ms(r.app.p99),
        r.peerExisting
          ? `reset, existing email ${ms(r.peerExisting.p99)}; unknown email ${ms(r.peerUnknown?.p99)}`
          : "—",
        `baseline p99 ${ms(r.baseline.p99)}${r.floorSql ? `; floor-sql p99 ${ms(r.floorSql.p99)}` : ""}`,
        x(r.app.p99 / r.baseline.p99),
        c === 16 ? verdict(r.app.p99 < 100) : "n/a",
      ]);
    }
  };
  throughputRows(throughput?.createAccount, "app as shipped (worker inline)", {
    floorJudged: !pathOnly?.createAccount,
  });
  throughputRows(pathOnly?.createAccount, "request path only (EMAIL_WORKER=off)");
  const si = throughput?.signIn;
  const peerSi = throughput?.peerSignIn;
  if (si) {
    rows.push([
      `P5 one Argon2id verification (${si.argon2.params ?? "m=19456, t=2, p=1"})`,
      "50–500 ms",
      `median ${ms(si.argon2.verifyMedianMs)} (p99 ${ms(si.argon2.verifyP99Ms)})`,
      peerSi ? `one scrypt verification: median ${ms(peerSi.scrypt.verifyMedianMs)}` : "—",
      `${si.cores} at a time${si.argon2.parallelLoad ? ", quiet app" : ""}: ${si.argon2.parallelRps.toFixed(1)}/s`,
      "—",
      verdict(si.argon2.verifyMedianMs >= 50 && si.argon2.verifyMedianMs <= 500),
    ]);
    rows.push([
      `Sign-in throughput, right password (${si.signIn.clients} clients, ${si.signIn.seconds} s)`,
      // Replaced, once measured, by the CPU beside the hash and the ratio to verifications at a time on a quiet
      // app (below): the limit counts no CPU at all for a sign-in's request, session and page.
      si.ratioParallel !== undefined ? "(reported; the targets are the next two rows)" : "≥ 85% of the hashing limit",
      rate(si.signIn, "sign-ins/s"),
      "—",
      `limit = ${si.cores} cores ÷ ${ms(si.argon2.verifyMedianMs)} = ${si.limitRps.toFixed(1)}/s`,
      x(si.ratio),
      si.ratioParallel !== undefined ? "reported" : verdict(si.ratio >= 0.85),
    ]);
    if (si.signIn.cpuMsPerRequest) {
      const beside = (cpu, hash) => `${cpu.toFixed(1)} − ${hash.toFixed(1)} = ${(cpu - hash).toFixed(1)} ms`;
      const split = (t, cpu, hashing) =>
        `${t.otherMs.toFixed(1)} ms (main thread ${t.mainMs.toFixed(1)}; ${t.hashingThreads} ${hashing} ${t.hashingMs.toFixed(1)} of ${cpu.toFixed(1)} ms)`;
      // A hash's CPU is taken as it runs in a sign-in: `cores` at a time (the app's one-per-core queue), where
      // two memory-hard hashes slow each other. One verification alone stays beside it, for runs made before.
      const hashCpu = (h) => h.parallelCpuMsEach ?? h.verifyMedianMs;
      const matched = si.argon2.parallelCpuMsEach !== undefined;
      // Best of all, read as it ran: the CPU of the app's threads that did not hash (the main thread, V8's
      // helpers), which leaves out what hashing beside a busy app costs the hash itself.
      const t = si.signIn.threads?.hashingThreads > 0 ? si.signIn.threads : null;
      const ours = t ? t.otherMs : si.signIn.cpuMsPerRequest - hashCpu(si.argon2);
      const subtractions = `${matched ? `− one verification when ${si.cores} run at a time: ${beside(si.signIn.cpuMsPerRequest, hashCpu(si.argon2))}; ` : ""}− one alone: ${beside(si.signIn.cpuMsPerRequest, si.argon2.verifyMedianMs)}`;
      rows.push([
        t
          ? "Sign-in CPU beside the hash: the app's CPU per sign-in (right password) on the threads that did not hash"
          : matched
            ? `Sign-in CPU beside the hash: the app's CPU per sign-in (right password) − the CPU of one verification when ${si.cores} run at a time, as the app runs them`
            : "Sign-in CPU beside the hash: the app's CPU per sign-in (right password) − one verification alone",
        "≤ 20 ms",
        t
          ? split(t, si.signIn.cpuMsPerRequest, "hashing threads")
          : beside(si.signIn.cpuMsPerRequest, hashCpu(si.argon2)),
        peerSi?.signIn.cpuMsPerRequest
          ? t && peerSi.signIn.threads?.hashingThreads > 0
            ? split(peerSi.signIn.threads, peerSi.signIn.cpuMsPerRequest, "threads hashing its scrypt")
            : `${beside(peerSi.signIn.cpuMsPerRequest, hashCpu(peerSi.scrypt))} (its scrypt${peerSi.scrypt.parallelCpuMsEach !== undefined ? `, ${si.cores} at a time` : ""})`
          : "—",
        t || matched ? `the app's CPU per sign-in ${subtractions}` : "—",
        "—",
        verdict(ours <= 20),
      ]);
    }
    const readings = si.argon2.parallelReadings;
    if (si.ratioParallel !== undefined)
      rows.push([
        readings
          ? `Sign-in throughput vs ${si.cores} Argon2id verifications at a time on a quiet app, the mean of a reading before the sign-in load and one after (load ${readings.map((x) => x.load[0]).join(" and ")})`
          : `Sign-in throughput vs ${si.cores} Argon2id verifications at a time, measured first on a quiet app (load ${si.argon2.parallelLoad?.[0] ?? "n/a"})`,
        "≥ 70%",
        `${si.signIn.rps.toFixed(1)} sign-ins/s`,
        "—",
        `${si.cores} at a time: ${si.argon2.parallelRps.toFixed(1)}/s${readings ? ` (before ${readings[0].rps.toFixed(1)}, after ${readings[1].rps.toFixed(1)})` : ""}`,
        x(si.ratioParallel),
        verdict(si.ratioParallel >= 0.7),
      ]);
  }
  if (peerSi) {
    rows.push([
      `Peer sign-in throughput, right password (${peerSi.signIn.clients} clients, ${peerSi.signIn.seconds} s) vs its own hashing limit (${peerSi.scrypt.params})`,
      "(reported)",
      si ? `ours: ${si.signIn.rps.toFixed(1)} sign-ins/s, ${x(si.ratio)} of our limit` : "—",
      rate(peerSi.signIn, "sign-ins/s"),
      `limit = ${peerSi.cores} cores ÷ ${ms(peerSi.scrypt.verifyMedianMs)} = ${peerSi.limitRps.toFixed(1)}/s; ${peerSi.cores} at a time (quiet): ${peerSi.scrypt.parallelRps.toFixed(1)}/s (${x(peerSi.ratioParallel)})`,
      x(peerSi.ratio),
      "reported",
    ]);
  }
  const fl = flood?.flood;
  if (fl) {
    const o = fl.oneAddress;
    rows.push([
      `S2 flood of bad sign-ins from one address, default limit (${o.sent} requests, ${o.rps.toFixed(0)}/s${fl.throughProxy ? ", through a proxy appending X-Forwarded-For" : ""})`,
      "≤ 1% reach the hasher after the limiter trips",
      `${o.hashedAfterTrip} of ${o.sent - o.allowance} after the trip (${o.hashed} hashed in all; ${o.answeredSame} of ${o.sent} answered the common message${o.cpuMsPerRequest ? `; CPU ${ms(o.cpuMsPerRequest)}/request` : ""})`,
      `${o.allowance} allowed (20 per 5-minute window × ${o.windows})`,
      "—",
      pct(o.fractionAfterTrip),
      verdict(o.fractionAfterTrip <= 0.01),
    ]);
    const s = fl.rotatedForwardedFor;
    // Through the proxy every request comes from one address (the proxy's entry), so that address's allowance of
    // 20 applies; straight to next start each request claimed an address of its own, so none does.
    const sAllowance = fl.throughProxy ? Math.min(s.sent, 20 * (s.windows ?? 1)) : 0;
    const sFraction = s.sent > sAllowance ? Math.max(0, s.hashed - sAllowance) / (s.sent - sAllowance) : 0;
    rows.push([
      `S2 (extra) the same flood with a new X-Forwarded-For written by the caller on every request (${s.sent} requests${fl.throughProxy ? ", through the proxy" : ", straight to next start"})`,
      "≤ 1% (S2's intent)",
      `${s.hashed} of ${s.sent} hashed, ${Math.max(0, s.hashed - sAllowance)} after the trip${s.cpuMsPerRequest ? `; CPU ${ms(s.cpuMsPerRequest)}/request` : ""}`,
      "—",
      `${sAllowance} allowed (the proxy's one address); one address: ${o.hashed} of ${o.sent}`,
      pct(sFraction),
      verdict(sFraction <= 0.01),
    ]);
  }

  const two = twoInstances;
  if (two?.scale) {
    const s = two.scale;
    rows.push([
      `Two instances behind a round-robin proxy vs one, create account, ${s.clients} clients, workers off (ABBA)`,
      "throughput scales (reported)",
      `${s.two.rps.toFixed(1)} req/s (p50 ${ms(s.two.p50)}, p99 ${ms(s.two.p99)}; ${s.two.errors} errors)`,
      "—",
      `one instance ${s.one.rps.toFixed(1)} req/s (p50 ${ms(s.one.p50)}, p99 ${ms(s.one.p99)})`,
      x(s.ratio),
      "reported",
    ]);
  }
  if (two?.limits) {
    const v = two.limits.verification;
    rows.push([
      `Two instances: verification requests from one address, alternating instances (${v.sent})`,
      "the per-address limit (20) holds across instances",
      `${v.allowed} allowed, ${v.limited} turned away; ${v.sameAnswer} of ${v.sent} got the usual answer`,
      "—",
      "limit 20",
      "—",
      verdict(v.allowed <= 20 && v.allowed + v.limited === v.sent && v.sameAnswer === v.sent),
    ]);
    const f = two.limits.signIn;
    rows.push([
      `Two instances: bad sign-ins from one address, alternating instances (${f.sent})`,
      "≤ 1% reach the hasher after the limiter trips",
      `${f.hashed} hashed (${f.hashedAfterTrip} after the trip); ${f.answeredSame} of ${f.sent} got the usual answer`,
      "—",
      `${f.allowance} allowed`,
      pct(f.fractionAfterTrip),
      verdict(f.fractionAfterTrip <= 0.01),
    ]);
  }

  const gateLine = Object.entries(gates)
    .filter(([k]) => k !== "postgresVersion")
    .map(
      ([k, g]) =>
        `before ${k}: ${g.load.join(" / ")} (${g.skipped ? "gate skipped" : g.met ? `below 1.5 after ${g.waitedS} s` : `still ≥ 1.5 after ${g.waitedS} s, measured anyway`})`,
    )
    .join("; ");
  const m = meta ?? {};
  const commitLine = m.commit
    ? `${m.commit}${m.uncommitted ? ` plus ${m.uncommitted} uncommitted change(s) in the working tree` : ""} when the build was made; build ${m.buildId}${m.note ? ` (${m.note})` : ""}`
    : "unknown";

  const table = [
    "| figure | target | ours | peer | floor / reference | ratio | verdict |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
  const notes = previous?.includes(NOTES_HEADING)
    ? previous.slice(previous.indexOf(NOTES_HEADING))
    : `${NOTES_HEADING}\n\n(Not written yet for this run: read the table above.)\n`;

  return `# Benchmark results

Measured by \`npm run bench\` (bench/run.mjs)${m.startedAt ? ` from ${m.startedAt}` : ""}; rendered ${new Date().toISOString()}. Every figure
is measured against a baseline or another condition **in the same run**: medians, p99 and ratios, because this
machine is shared and noisy.
How each figure is made: bench/README.md.

## Machine

| | |
|---|---|
| cores (\`nproc\`) | ${sh("nproc", [])} |
| memory | ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB |
| Node.js | ${process.version} |
| PostgreSQL | ${postgresVersion ?? "unknown"} |
| date | ${m.startedAt ? `${new Date(m.startedAt).toUTCString()} (start)` : new Date().toUTCString()} |
| code measured | ${commitLine} |
| load average (1 / 5 / 15 min) | ${gateLine} |
| logs and raw JSON | \`${logDir}\` (not committed) |

## Results

"Peer" is bench/peer-app (Better Auth in Next.js, what a Next team would pick instead of us); "floor / reference"
is what the figure is measured against: the bare baseline server, the floor app doing our SQL, the hashing limit or
the reference outcome. Ratios are ours ÷ that (in the peer sign-in row, the peer ÷ its own limit).

${table}

${sections.filter(Boolean).join("\n\n")}

## Timing runs in detail

Each comparison's verdict (the table above) weighs all of a run's comparisons together, by Holm's correction,
and asks a difference to repeat before it counts on its own (bench/lib/timing-verdict.mjs says why).

${TIMING_PARTS.map(([key, title, req]) => perRunTable(timing?.[key], `${req} ${title}`)).join("\n\n")}

${notes}`;
}

export function writeResults(input) {
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : null;
  writeFileSync(RESULTS, renderResults({ ...input, previous }));
  return RESULTS;
}

// Re-render from a finished run's folder.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node bench/lib/report.mjs bench/.work/logs-<stamp>");
    process.exit(2);
  }
  const read = (f) => JSON.parse(readFileSync(path.join(dir, f), "utf8"));
  const gates = existsSync(path.join(dir, "gates.json")) ? read("gates.json") : {};
  const { postgresVersion, ...onlyGates } = gates;
  const meta = existsSync(path.join(dir, "meta.json")) ? read("meta.json") : null;
  const optional = (f) => (existsSync(path.join(dir, f)) ? read(f) : null);
  const pathOnly = optional("throughput-worker-off.json");
  const twoInstances =
    optional("two-instances.json") || optional("two-instances-limits.json")
      ? { ...optional("two-instances.json"), ...optional("two-instances-limits.json") }
      : null;
  // Sections other scripts rendered themselves (staff list, second factors, bulk invitations, pages, lighthouse),
  // in this order.
  const sections = ["staff-list.md", "second-factors.md", "bulk-invitations.md", "pages.md", "lighthouse.md"]
    .filter((f) => existsSync(path.join(dir, f)))
    .map((f) => readFileSync(path.join(dir, f), "utf8"));
  console.log(
    writeResults({
      timing: optional("timing.json"),
      throughput: optional("throughput.json"),
      pathOnly,
      flood: optional("flood.json"),
      twoInstances,
      sections,
      gates: onlyGates,
      postgresVersion,
      meta,
      logDir: dir,
    }),
  );
}
