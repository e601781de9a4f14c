// When the timing comparisons (docs/security.md V2, P6, M6) say a leak. Each run makes one Mann-Whitney test per
// outcome against its reference, in every part (14 in a full run); at p < 0.01 each, a run of 14 identical
// distributions would still show one "leak" 13% of the time, and three runs 35%: a verdict that fails that often
// with nothing to find cannot tell a leak from bad luck. So a comparison fails when either
//   - Holm's step-down correction over all the comparisons of its run rejects it at 0.01 (the chance that a run
//     with no leak anywhere fails is then at most 1%), or
//   - its own p is under 0.01 in two or more runs (a repeat: a small, steady difference that Holm's threshold
//     alone could miss).
// A leak like the peer's (+1.2 ms, p 1e-37 to 1e-47) fails both ways.

export const TIMING_ALPHA = 0.01;

/**
 * Holm-adjusted p values of one family, in the order given: each is min(1, max over the ranks up to its own of
 * (m − rank) × p), so "adjusted < alpha" is exactly Holm's rejection at alpha.
 */
export function holmAdjusted(ps) {
  const m = ps.length;
  const order = ps.map((p, i) => [p, i]).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array(m);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/**
 * `parts`: { name: { reference, runs: [{ p: { outcome: p } }] } } as bench/timing.mjs writes them (absent parts
 * left out). Returns, per part and outcome, the raw and adjusted p of each run, how many runs were under alpha,
 * and whether it passes.
 */
export function timingVerdicts(parts) {
  const present = Object.entries(parts).filter(([, t]) => t?.runs?.length);
  const runs = Math.max(0, ...present.map(([, t]) => t.runs.length));
  const adjusted = new Map();
  for (let run = 0; run < runs; run++) {
    const family = [];
    for (const [name, t] of present)
      for (const [outcome, p] of Object.entries(t.runs[run]?.p ?? {})) family.push({ key: `${name}:${outcome}`, p });
    holmAdjusted(family.map((f) => f.p)).forEach((a, i) => {
      const list = adjusted.get(family[i].key) ?? [];
      list[run] = a;
      adjusted.set(family[i].key, list);
    });
  }
  const out = {};
  for (const [name, t] of present) {
    out[name] = {};
    for (const outcome of Object.keys(t.runs[0].p)) {
      const raw = t.runs.map((r) => r.p[outcome]);
      const adj = adjusted.get(`${name}:${outcome}`) ?? [];
      const under = raw.filter((p) => p < TIMING_ALPHA).length;
      const holmRejects = adj.some((a) => a < TIMING_ALPHA);
      out[name][outcome] = { raw, adjusted: adj, under, pass: !holmRejects && under < 2 };
    }
  }
  return out;
}
