// `node --test bench/lib/`: the timing verdict (bench/lib/timing-verdict.mjs), with Holm's adjustment worked out
// by hand from its definition.
import assert from "node:assert/strict";
import { test } from "node:test";
import { holmAdjusted, timingVerdicts } from "./timing-verdict.mjs";

test("Holm's adjusted p values, in the order given", () => {
  const got = holmAdjusted([0.01, 0.04, 0.03, 0.005]);
  // sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1, each raised to the largest so far
  for (const [i, want] of [0.03, 0.06, 0.06, 0.02].entries())
    assert.ok(Math.abs(got[i] - want) < 1e-12, `${i}: ${got[i]}`);
  assert.deepEqual(holmAdjusted([0.9, 0.3]), [0.9, 0.6]);
  assert.deepEqual(holmAdjusted([0.9, 0.5]), [1, 1]);
  assert.deepEqual(holmAdjusted([]), []);
});

const part = (runs) => ({ reference: "r", runs: runs.map((p) => ({ p })) });

test("one low p among fourteen in one run is not a leak; the same p in a family of one is", () => {
  const quiet = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`o${i}`, 0.2 + i * 0.05]));
  const parts = {
    a: part([
      { ...quiet, odd: 0.006 },
      { ...quiet, odd: 0.26 },
      { ...quiet, odd: 0.87 },
    ]),
  };
  assert.equal(timingVerdicts(parts).a.odd.pass, true);
  assert.equal(timingVerdicts({ a: part([{ odd: 0.006 }, { odd: 0.26 }, { odd: 0.87 }]) }).a.odd.pass, false);
});

test("a real leak fails, and so does a small difference seen in two runs", () => {
  const v = timingVerdicts({
    a: part([
      { leak: 1e-37, steady: 0.008, fine: 0.5 },
      { leak: 1e-40, steady: 0.009, fine: 0.3 },
      { leak: 1e-39, steady: 0.2, fine: 0.04 },
    ]),
    b: part([{ other: 0.6 }, { other: 0.7 }, { other: 0.01 }]),
  });
  assert.equal(v.a.leak.pass, false);
  assert.equal(v.a.steady.pass, false);
  assert.equal(v.a.steady.under, 2);
  assert.equal(v.a.fine.pass, true);
  assert.equal(v.b.other.pass, true);
});

test("the family is every part of the same run", () => {
  // 0.004 alone in its run's family of two would be rejected (2 × 0.004 < 0.01); among four it is not (4 × 0.004).
  const two = timingVerdicts({ a: part([{ x: 0.004 }]), b: part([{ y: 0.9 }]) });
  assert.equal(two.a.x.pass, false);
  const four = timingVerdicts({ a: part([{ x: 0.004, z: 0.8 }]), b: part([{ y: 0.9, w: 0.7 }]) });
  assert.equal(four.a.x.pass, true);
  assert.ok(Math.abs(four.a.x.adjusted[0] - 0.016) < 1e-12);
});
