// Waits for a quiet machine: other engineers' test runs on these 2 cores would distort every figure.
import os from "node:os";

export const loadNow = () => os.loadavg().map((l) => Number(l.toFixed(2)));

/**
 * Checks the 1-minute load average every `everyMs` until it is below `threshold`, for at most `maxMs`.
 * Returns { met, waitedS, load } (load: the 1, 5 and 15-minute averages when it stopped waiting).
 */
export async function waitForQuiet({ threshold = 1.5, maxMs = 10 * 60_000, everyMs = 15_000, log = console.log } = {}) {
  const started = Date.now();
  for (;;) {
    const load = loadNow();
    if (load[0] < threshold) return { met: true, waitedS: Math.round((Date.now() - started) / 1000), load };
    if (Date.now() - started + everyMs > maxMs) {
      log(
        `load gate: 1-minute load ${load[0]} is still >= ${threshold} after ${Math.round((Date.now() - started) / 1000)} s; measuring anyway`,
      );
      return { met: false, waitedS: Math.round((Date.now() - started) / 1000), load };
    }
    log(`load gate: 1-minute load ${load[0]} >= ${threshold}; checking again in ${everyMs / 1000} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
