import assert from "node:assert/strict";
import { test } from "node:test";
import { splitHashingThreads } from "./cpu.mjs";

test("the pool's busy threads count as hashing, the main thread and V8's idle helpers as the rest", () => {
  // Figures of one profile-sign-in run, in milliseconds over 207 sign-ins.
  const delta = {
    main: 12.0 * 207,
    "node 101": 19.4 * 207,
    "node 102": 18.7 * 207,
    "node 103": 18.5 * 207,
    "node 104": 17.3 * 207,
    "node 95": 0.56 * 207,
    "node 96": 0.47 * 207,
  };
  const s = splitHashingThreads(delta, 207);
  assert.equal(s.hashingThreads, 4);
  assert.ok(Math.abs(s.hashingMs - 73.9) < 1e-9);
  assert.ok(Math.abs(s.otherMs - 13.03) < 1e-9);
  assert.ok(Math.abs(s.mainMs - 12.0) < 1e-9);
});

test("a main thread over the line is never counted as hashing", () => {
  const s = splitHashingThreads({ main: 900, "node 7": 100 }, 10);
  assert.equal(s.hashingThreads, 1);
  assert.equal(s.hashingMs, 10);
  assert.equal(s.otherMs, 90);
});

test("no reading gives nothing on either side", () => {
  assert.deepEqual(splitHashingThreads(null, 10), { hashingMs: 0, otherMs: 0, hashingThreads: 0, mainMs: 0 });
});
