// Two-sided Mann-Whitney U test, normal approximation with tie correction and continuity correction
// (the same as SciPy's `mannwhitneyu(x, y, alternative="two-sided", method="asymptotic")`).
// For samples of a few hundred the normal approximation is what every statistics package uses.

/** Average ranks (1-based) of `values`, plus the tie term sum(t^3 - t) over groups of equal values. */
export function rankWithTies(values) {
  const order = values.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
  const ranks = new Array(values.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const t = j - i + 1;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = avg;
    if (t > 1) tieTerm += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

/**
 * erfc(x) for x >= 0 with about 1e-7 relative error across the whole range, tails included (Chebyshev fit,
 * Numerical Recipes `erfcc`), so p-values as small as 1e-300 keep their order of magnitude.
 */
export function erfc(x) {
  if (x < 0) return 2 - erfc(-x);
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -x * x -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * Math.exp(poly);
}

/** P(Z > z) for a standard normal Z. */
export function normalSf(z) {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Mann-Whitney U test of x against y, two-sided. Returns U of x (U1), z and p. When every value is equal
 * (no spread at all) the samples cannot be told apart: p = 1.
 */
export function mannWhitneyU(x, y) {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new Error("mannWhitneyU needs two non-empty samples");
  for (const v of [...x, ...y]) if (!Number.isFinite(v)) throw new Error(`mannWhitneyU: not a finite number: ${v}`);
  const n = n1 + n2;
  const { ranks, tieTerm } = rankWithTies([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const mu = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u: u1, z: 0, p: 1 };
  const big = Math.max(u1, u2);
  // Continuity correction towards the mean, as SciPy does.
  const z = (big - mu - 0.5) / Math.sqrt(variance);
  const p = Math.min(1, 2 * normalSf(z));
  return { u: u1, z, p };
}
