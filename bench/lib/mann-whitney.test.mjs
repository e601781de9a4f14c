// `node --test bench/lib/`: the Mann-Whitney U test against values computed with SciPy 1.17.1,
// scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True).
import assert from "node:assert/strict";
import { test } from "node:test";
import { erfc, mannWhitneyU, rankWithTies } from "./mann-whitney.mjs";

const close = (actual, expected, rel, what) =>
  assert.ok(
    Math.abs(actual - expected) <= rel * Math.abs(expected),
    `${what}: ${actual} is not within ${rel} of ${expected}`,
  );

test("average ranks and the tie term", () => {
  const { ranks, tieTerm } = rankWithTies([3, 1, 2, 2, 5, 2]);
  assert.deepEqual(ranks, [5, 1, 3, 3, 6, 3]);
  assert.equal(tieTerm, 3 ** 3 - 3);
});

test("erfc matches SciPy's from the centre to the far tail", () => {
  const known = [
    [0.1, 0.8875370839817152],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028516],
    [2, 0.004677734981047266],
    [3, 2.2090496998585445e-5],
    [5, 1.5374597944280347e-12],
    [10, 2.0884875837625446e-45],
    [20, 5.395865611607901e-176],
  ];
  for (const [x, expected] of known) close(erfc(x), expected, 1e-6, `erfc(${x})`);
  close(erfc(-1), 2 - 0.15729920705028516, 1e-7, "erfc(-1)");
});

test("small samples with ties", () => {
  const r = mannWhitneyU([1, 2, 2, 3, 4, 5], [2, 3, 3, 4, 6, 7, 8]);
  assert.equal(r.u, 10.5);
  close(r.p, 0.14801830727232673, 1e-6, "p");
});

test("small samples without ties", () => {
  const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]);
  assert.equal(r.u, 17);
  close(r.p, 0.11134688653314041, 1e-6, "p");
});

// Deterministic samples of 300 whole numbers spread over 40 values, so that many tie (like latencies in 0.1 ms).
const sample = (start, mult) => Array.from({ length: 300 }, (_, i) => start + Math.floor(((i * mult) % 1000) / 25));

test("300 against 300 from the same spread: a large p", () => {
  const r = mannWhitneyU(sample(100, 7919), sample(100, 104729));
  assert.equal(r.u, 45149);
  close(r.p, 0.9442196645550647, 1e-6, "p");
});

test("300 against 300 shifted by 1/40 of the spread: p about 0.33", () => {
  const r = mannWhitneyU(sample(100, 7919), sample(101, 104729));
  assert.equal(r.u, 42930);
  close(r.p, 0.32953093941491796, 1e-6, "p");
});

test("300 against 300 shifted by 1/10 of the spread: p about 8e-5", () => {
  const r = mannWhitneyU(sample(100, 7919), sample(104, 104729));
  assert.equal(r.u, 36643.5);
  close(r.p, 8.253631231950972e-5, 1e-5, "p");
});

test("completely separated samples: p keeps its order of magnitude (about 1e-99)", () => {
  const x = Array.from({ length: 300 }, (_, i) => i);
  const y = Array.from({ length: 300 }, (_, i) => i + 300);
  const r = mannWhitneyU(x, y);
  assert.equal(r.u, 0);
  close(r.p, 1.0549641486892856e-99, 1e-4, "p");
});

test("symmetric in its arguments; identical samples give p = 1", () => {
  const a = sample(100, 7919);
  const b = sample(104, 104729);
  assert.equal(mannWhitneyU(a, b).p, mannWhitneyU(b, a).p);
  assert.equal(mannWhitneyU([5, 5, 5], [5, 5]).p, 1);
  assert.equal(mannWhitneyU(a, a).p, 1);
});

test("refuses empty samples and non-numbers", () => {
  assert.throws(() => mannWhitneyU([], [1]));
  assert.throws(() => mannWhitneyU([1, Number.NaN], [1]));
});
