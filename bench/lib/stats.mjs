// Order statistics for latency samples.
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  // Linear interpolation between closest ranks (the default of NumPy and most tools).
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
export const median = (values) => quantile(values, 0.5);
export const p99 = (values) => quantile(values, 0.99);

export function shuffle(array, random = Math.random) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [array[i], array[j]] = [array[j], array[i]];
  }
  return array;
}

export const fmtMs = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(ms < 10 ? 2 : 1)} ms` : "n/a");
export function fmtP(p) {
  if (!Number.isFinite(p)) return "n/a";
  if (p >= 0.001) return p.toFixed(3);
  return p.toExponential(1);
}
