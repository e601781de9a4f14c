import { describe, expect, it } from "vitest";
import { LOCKOUT, waitAfterFailure } from "./lockout";

describe("throttling after failed sign-ins (docs/security.md S1)", () => {
  it("no wait for the first four failures, then 1, 2, 4, 8, 16 seconds, then 15 minutes", () => {
    expect([1, 2, 3, 4].map(waitAfterFailure)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9].map(waitAfterFailure)).toEqual([1, 2, 4, 8, 16]);
    expect(waitAfterFailure(10)).toBe(15 * 60);
  });

  it("keeps a steady guesser under 100 wrong passwords an hour", () => {
    // Each cycle: 10 counted failures, after waiting every delay in turn, then the lock.
    const cycleSeconds = Array.from({ length: LOCKOUT.maxFailures }, (_, i) => waitAfterFailure(i + 1)).reduce(
      (a, b) => a + b,
      0,
    );
    expect((3600 / cycleSeconds) * LOCKOUT.maxFailures).toBeLessThan(100);
  });
});
