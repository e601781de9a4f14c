// `node --test bench/lib/`: several starts of a throughput phase read as one (bench/lib/merge-starts.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";
import { mergeStarts } from "./merge-starts.mjs";

const subject = (rps, p99, cpu) => ({
  clients: 16,
  seconds: 10,
  completed: rps * 10,
  errors: 0,
  rps,
  p50: 20,
  p99,
  cpuMsPerRequest: cpu,
});
const start = (app, floor, extra = {}) => ({
  createAccount: {
    worker: "off",
    rateLimited: 1,
    16: {
      load: { start: [1], end: [2] },
      app: subject(app, 50, 1.5),
      floorSqlRoute: subject(floor, 40, 1.2),
      ratio: app / 2000,
      ratios: { floorSqlRoute: app / floor },
    },
  },
  ...extra,
});

test("the ratio judged is the median of the starts' ratios, not a ratio of medians", () => {
  // ratios 0.75, 0.9, 0.85: median 0.85; medians of rps would give 700 / 800 = 0.875
  const m = mergeStarts([start(600, 800), start(720, 800), start(700, 823.5294117647059)]);
  const row = m.createAccount[16];
  assert.ok(Math.abs(row.ratios.floorSqlRoute - 0.85) < 1e-9, String(row.ratios.floorSqlRoute));
  assert.deepEqual(
    row.starts.map((s) => Number(s.ratios.floorSqlRoute.toFixed(2))),
    [0.75, 0.9, 0.85],
  );
  assert.equal(row.app.rps, 700);
  assert.deepEqual(row.app.startsRps, [600, 720, 700]);
});

test("the highest p99 of the starts stands, counts add up, and parts run once come from the last start", () => {
  const last = start(650, 800, { signIn: { rps: 27 } });
  last.createAccount[16].app.p99 = 120;
  const m = mergeStarts([start(600, 800), start(700, 800), last]);
  assert.equal(m.starts, 3);
  assert.equal(m.createAccount[16].app.p99, 120);
  assert.equal(m.createAccount[16].app.completed, 19_500);
  assert.equal(m.createAccount.rateLimited, 3);
  assert.deepEqual(m.signIn, { rps: 27 });
});

test("one start is passed through as it is", () => {
  const only = start(600, 800);
  assert.equal(mergeStarts([only]), only);
});
