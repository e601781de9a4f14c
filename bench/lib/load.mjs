// A closed-loop load generator: `clients` concurrent clients, each sending its next request as soon as the
// previous one answered. Bounded in time (and optionally in count).

/**
 * Runs `request(client, seq)` (resolving { ok, ms }) from `clients` clients: first `warmupMs` unrecorded, then
 * `durationMs` recorded. A request counts when it started and finished inside the recorded window. Resolves when
 * every request sent has answered, with { clients, seconds, completed, errors, rps, latencies, firstError, sent }
 * (sent: every request, warm-up and the ones still in flight at the end included).
 */
export async function closedLoop({ clients, durationMs, warmupMs = 0, maxRequests = Infinity, request }) {
  const t0 = Date.now();
  const measureFrom = t0 + warmupMs;
  const end = measureFrom + durationMs;
  let completed = 0;
  let errors = 0;
  let sent = 0;
  let firstError = null;
  const latencies = [];
  async function client(i) {
    let seq = 0;
    while (Date.now() < end && sent < maxRequests) {
      sent++;
      const startedAt = Date.now();
      let r;
      try {
        r = await request(i, seq++);
      } catch (e) {
        r = { ok: false, ms: Date.now() - startedAt, error: e.message };
      }
      const doneAt = Date.now();
      if (startedAt >= measureFrom && doneAt <= end) {
        if (r.ok) {
          completed++;
          latencies.push(r.ms);
        } else {
          errors++;
          firstError ??= r.error ?? "not ok";
        }
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  const seconds = durationMs / 1000;
  return { clients, seconds, completed, errors, rps: completed / seconds, latencies, firstError, sent };
}

/** Adds up segments of the same condition (e.g. the two "A" segments of an ABBA design). */
export function combine(segments) {
  const seconds = segments.reduce((s, x) => s + x.seconds, 0);
  const completed = segments.reduce((s, x) => s + x.completed, 0);
  return {
    clients: segments[0].clients,
    seconds,
    completed,
    errors: segments.reduce((s, x) => s + x.errors, 0),
    rps: completed / seconds,
    latencies: segments.flatMap((x) => x.latencies),
    firstError: segments.find((x) => x.firstError)?.firstError ?? null,
    segmentRps: segments.map((x) => Number(x.rps.toFixed(1))),
  };
}
