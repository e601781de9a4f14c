// One throughput phase measured over several fresh starts of every process it compares (bench/run.mjs,
// BENCH_STARTS), as one result for the report. Two starts of one and the same app have differed by a third in
// req/s on this kind of machine, so a ratio read from one start of each can land either side of a target; the
// median of the starts' ratios is judged instead, and every start's ratio is kept to show the spread.
import { median } from "./stats.mjs";

/** `results`: each start's bench/throughput.json, in order; the last one also carries the parts run only once. */
export function mergeStarts(results) {
  if (results.length === 1) return results[0];
  return {
    ...results.at(-1),
    starts: results.length,
    createAccount: mergeCreateAccount(results.map((r) => r.createAccount)),
  };
}

function mergeCreateAccount(runs) {
  const merged = { ...runs.at(-1), rateLimited: runs.reduce((n, r) => n + (r.rateLimited ?? 0), 0) };
  for (const clients of [16, 64]) {
    const rows = runs.map((r) => r[clients]).filter(Boolean);
    if (rows.length) merged[clients] = mergeRow(rows);
  }
  return merged;
}

function mergeRow(rows) {
  const subjects = Object.keys(rows[0]).filter((k) => typeof rows[0][k]?.rps === "number");
  const row = {
    load: { start: rows[0].load?.start, end: rows.at(-1).load?.end },
    ratio: median(rows.map((r) => r.ratio)),
    ratios: Object.fromEntries(Object.keys(rows[0].ratios).map((k) => [k, median(rows.map((r) => r.ratios[k]))])),
    starts: rows.map((r) => ({ ratio: r.ratio, ratios: r.ratios, load: r.load })),
  };
  for (const name of subjects) row[name] = mergeSummary(rows.map((r) => r[name]));
  return row;
}

/** A subject over the starts: medians of its rates and CPU, the highest of its p99s, its counts summed. */
function mergeSummary(ss) {
  const cpu = ss.map((s) => s.cpuMsPerRequest).filter((v) => typeof v === "number");
  return {
    clients: ss[0].clients,
    seconds: ss[0].seconds,
    completed: ss.reduce((n, s) => n + s.completed, 0),
    errors: ss.reduce((n, s) => n + s.errors, 0),
    firstError: ss.find((s) => s.firstError)?.firstError,
    rps: median(ss.map((s) => s.rps)),
    p50: median(ss.map((s) => s.p50)),
    p99: Math.max(...ss.map((s) => s.p99)),
    cpuMsPerRequest: cpu.length ? median(cpu) : null,
    startsRps: ss.map((s) => s.rps),
  };
}
