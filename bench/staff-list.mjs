// The staff patient list at scale: for each size (10k, 100k, 1M patients) a scratch database is migrated, filled
// with COPY (bench/lib/patient-generator.mjs) and vacuumed; then bench/staff-list-runner.ts times the list's own
// queries (db/queries/patients.ts, called as the page calls them): search by last-name prefix, DOB and email,
// status filter, status counts, and page 50 by keyset, ~200 varied samples each after a warm-up, with
// EXPLAIN (ANALYZE, BUFFERS) of one sample of each and of its slowest sample's input. Target: every query's p95 < 50 ms
// at 1M patients; the growth column (largest size over smallest) shows what a bigger practice would cost.
//   node bench/staff-list.mjs [10000,100000,1000000]     prints the markdown; JSON and logs in bench/.work/
// DATABASE_URL: an admin connection to a local PostgreSQL (default postgres://postgres@127.0.0.1:5432/postgres).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { assertLocalDatabase, createScratchDatabase } from "../test-kit/scratch-database.mjs";
import { generatePractice, loadPractice } from "./lib/patient-generator.mjs";
import { run } from "./lib/procs.mjs";
import { fmtMs, median, quantile } from "./lib/stats.mjs";

export const TARGET_P95_MS = 50;
export const TARGET_SIZE = 1_000_000;
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];

// The scratch database in use, so that a signal can still drop it.
let current = null;

const label = (n) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));

/** One size: scratch database, migrations, COPY, VACUUM ANALYZE, the timed runner; the database is always dropped. */
async function benchOneSize({ adminUrl, logDir, size }) {
  current = await createScratchDatabase(adminUrl, `pp_staff_list_${label(size).toLowerCase()}`);
  const databaseUrl = current.url;
  const tag = `staff-list-${label(size)}`;
  try {
    const env = { ...process.env, DATABASE_URL: databaseUrl };
    delete env.PGLITE_DIR;
    delete env.NODE_ENV;
    await run(
      `${tag}-migrate`,
      "node",
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/migrate.ts"],
      {
        env,
        logFile: path.join(logDir, `${tag}-migrate.log`),
      },
    );

    let t0 = performance.now();
    const practice = generatePractice(size);
    const generateS = (performance.now() - t0) / 1000;
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    let loadS;
    let statuses;
    let sizes;
    try {
      t0 = performance.now();
      await loadPractice(sql, practice);
      loadS = (performance.now() - t0) / 1000;
      // What was loaded, by the app's own status rule (computed once here, untimed).
      statuses = await sql`select
          count(*) filter (where not p.portal_access_enabled or btrim(coalesce(p.email, '')) = '' or btrim(coalesce(p.zip, '')) = '' or p.chart_status <> 'active')::int as inactive,
          count(*) filter (where not (not p.portal_access_enabled or btrim(coalesce(p.email, '')) = '' or btrim(coalesce(p.zip, '')) = '' or p.chart_status <> 'active') and a.activated_at is null)::int as unactivated,
          count(*) filter (where not (not p.portal_access_enabled or btrim(coalesce(p.email, '')) = '' or btrim(coalesce(p.zip, '')) = '' or p.chart_status <> 'active') and a.activated_at is not null)::int as active,
          count(distinct p.last_name)::int as last_names,
          (select count(*)::int from (select lower(email) from patients where btrim(coalesce(email, '')) <> '' group by 1 having count(*) > 1) s) as shared_emails
        from patients p left join portal_accounts a on a.patient_id = p.id`;
      sizes = await sql`select pg_size_pretty(pg_total_relation_size('patients')) as patients,
          pg_size_pretty(pg_indexes_size('patients')) as patient_indexes`;
    } finally {
      await sql.end({ timeout: 5 });
    }
    const inputsFile = path.join(logDir, `${tag}-inputs.json`);
    writeFileSync(inputsFile, JSON.stringify(practice.sample));
    const counts = { patients: size, accounts: practice.accounts.length, setupLinks: practice.tokens.length };
    practice.patients.length = practice.accounts.length = practice.tokens.length = 0;
    console.log(
      `${tag}: generated in ${generateS.toFixed(1)} s, COPY + VACUUM ANALYZE in ${loadS.toFixed(1)} s; ${JSON.stringify(statuses[0])}`,
    );

    const out = path.join(logDir, `${tag}.json`);
    await run(
      `${tag}-runner`,
      "node",
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "bench/staff-list-runner.ts"],
      {
        env: { ...env, BENCH_DATABASE_URL: databaseUrl, BENCH_INPUTS: inputsFile, BENCH_OUT: out },
        logFile: path.join(logDir, `${tag}-runner.log`),
        timeoutMs: 60 * 60_000,
      },
    );
    const raw = JSON.parse(readFileSync(out, "utf8"));
    return {
      size,
      generateS,
      loadS,
      ...counts,
      statuses: statuses[0],
      relationSize: sizes[0],
      page50Inputs: raw.pages,
      queries: raw.results.map((r) => ({
        name: r.name,
        n: r.ms.length,
        p50: median(r.ms),
        p95: quantile(r.ms, 0.95),
        max: Math.max(...r.ms),
        matchedMedian: median(r.matched),
        matchedMax: Math.max(...r.matched),
        slowest: r.slowest,
        explain: r.explain,
        explainSlowest: r.explainSlowest,
      })),
    };
  } finally {
    await current.drop();
    current = null;
  }
}

function markdown(json) {
  const sizes = json.sizes.map((s) => s.size);
  const names = json.sizes[0].queries.map((q) => q.name);
  const at = (s, name) => s.queries.find((q) => q.name === name);
  const lines = [
    `## Staff list at scale`,
    "",
    `${json.startedAt}, PostgreSQL ${json.postgresVersion}, load ${json.load.join(" / ")} at the start. Each query is the function of ` +
      "`db/queries/patients.ts` the staff list calls, timed from the caller (round trip and row mapping included), " +
      `up to ${json.sizes[0].queries[0].n} varied samples each after a warm-up (fewer where a query is so slow that ` +
      `${process.env.BENCH_KIND_SECONDS ?? 90} s run out: the n column), one at a time. Target: p95 < ${TARGET_P95_MS} ms at ${label(TARGET_SIZE)} for every query.`,
    "",
    `| query | ${sizes.map((s) => `p95 ${label(s)}`).join(" | ")} | p50 / max (n) at ${label(sizes.at(-1))} | growth ${label(sizes.at(-1))}/${label(sizes[0])} | p95 < ${TARGET_P95_MS} ms at ${label(TARGET_SIZE)} | matched (median, at ${label(sizes.at(-1))}) |`,
    `|---|${sizes.map(() => "---|").join("")}---|---|---|---|`,
  ];
  for (const name of names) {
    const cells = json.sizes.map((s) => fmtMs(at(s, name)?.p95));
    const first = at(json.sizes[0], name);
    const last = at(json.sizes.at(-1), name);
    const target = json.sizes.find((s) => s.size === TARGET_SIZE);
    const t = target ? at(target, name) : null;
    lines.push(
      `| ${name} | ${cells.join(" | ")} | ${fmtMs(last.p50)} / ${fmtMs(last.max)} (${last.n}) | ${(last.p95 / first.p95).toFixed(1)}× | ${t ? (t.p95 < TARGET_P95_MS ? "pass" : "**FAIL**") : "n/a"} | ${last.matchedMedian} |`,
    );
  }
  lines.push(
    "",
    "| size | accounts | setup links | Inactive / Unactivated / Active | distinct last names | shared emails | patients table + indexes | COPY + VACUUM |",
    "|---|---|---|---|---|---|---|---|",
  );
  for (const s of json.sizes) {
    lines.push(
      `| ${label(s.size)} | ${s.accounts} | ${s.setupLinks} | ${s.statuses.inactive} / ${s.statuses.unactivated} / ${s.statuses.active} | ${s.statuses.last_names} | ${s.statuses.shared_emails} | ${s.relationSize.patients} (indexes ${s.relationSize.patient_indexes}) | ${s.loadS.toFixed(1)} s |`,
    );
  }
  lines.push(
    "",
    "Inputs: prefixes are the first 3–6 letters of a real patient's last name (common names come up as often as they are common); " +
      "dates of birth and emails (some shared by a family, upper-cased half the time) are real patients'; page 50 is asked for " +
      `with the cursor "Next page" carries after page 49 (and backwards, before page 51), with no filter and with each status filter (${json.sizes[0].page50Inputs.join(", ")}).`,
  );
  for (const s of json.sizes) {
    lines.push("", `<details><summary>EXPLAIN (ANALYZE, BUFFERS) at ${label(s.size)}</summary>`, "");
    for (const q of s.queries) {
      const slow = (q.slowest ?? []).map((x) => `\`${x.input}\` ${fmtMs(x.ms)}`).join(", ");
      lines.push(
        `**${q.name}** (input \`${q.explain.input}\`; slowest samples: ${slow})`,
        "",
        "```",
        q.explain.plan,
        "```",
        "",
      );
      // The plan behind the p95: the slowest sample's input run again (warm, so usually faster than it was).
      if (q.explainSlowest?.plan) {
        lines.push(
          `*${q.name}, slowest sample's input \`${q.explainSlowest.input}\` again:*`,
          "",
          "```",
          q.explainSlowest.plan,
          "```",
          "",
        );
      }
    }
    lines.push("</details>");
  }
  return lines.join("\n");
}

export async function benchStaffList({ adminUrl, logDir, sizes = DEFAULT_SIZES }) {
  assertLocalDatabase(adminUrl);
  mkdirSync(logDir, { recursive: true });
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ server_version: postgresVersion }] = await admin`show server_version`;
    const { loadavg } = await import("node:os");
    const json = {
      startedAt: new Date().toISOString(),
      postgresVersion,
      load: loadavg().map((l) => l.toFixed(2)),
      sizes: [],
    };
    for (const size of sizes) json.sizes.push(await benchOneSize({ adminUrl, logDir, size }));
    writeFileSync(path.join(logDir, "staff-list.json"), JSON.stringify(json, null, 2));
    return { json, markdown: markdown(json) };
  } finally {
    await admin.end({ timeout: 5 });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv[2] ? process.argv[2].split(",").map(Number) : DEFAULT_SIZES;
  const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const logDir = path.join("bench/.work", `staff-list-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  const { stopAll } = await import("./lib/procs.mjs");
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, async () => {
      await stopAll();
      await current?.drop().catch(() => {});
      process.exit(130);
    });
  }
  try {
    const { markdown: md } = await benchStaffList({ adminUrl, logDir, sizes });
    writeFileSync(path.join(logDir, "staff-list.md"), md);
    console.log(md);
  } catch (e) {
    console.error(`staff-list bench failed: ${e.stack ?? e.message}`);
    process.exitCode = 1;
  }
}
