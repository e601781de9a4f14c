// A small HTTP/1.1 client on node:http with keep-alive sockets: what the timing and load scripts send with.
// Only 127.0.0.1 is ever contacted (refused otherwise).
import http from "node:http";

export function makeAgent(maxSockets = 1) {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: "fifo" });
}

/**
 * One request; resolves with status, headers, body (string; or rawBody, a Buffer, with `raw`) and ms (from writing the request to the last byte of
 * the answer). Times out (rejects) after `timeoutMs`.
 */
export function send(opts) {
  return sendOnce(opts).catch((e) => {
    // A keep-alive socket the server closed just as we reused it: send again once, on a new connection
    // (what browsers do too). Anything else is a real error.
    if (e.reusedSocket && (e.code === "ECONNRESET" || e.code === "EPIPE")) return sendOnce(opts);
    throw e;
  });
}

function sendOnce({ url, method = "GET", headers = {}, body, agent, timeoutMs = 30_000, raw = false }) {
  const u = new URL(url);
  if (u.hostname !== "127.0.0.1") return Promise.reject(new Error(`bench only talks to 127.0.0.1, not ${u.hostname}`));
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(String(body), "utf8");
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        agent,
        headers: { ...headers, ...(payload ? { "Content-Length": payload.length } : {}) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const ms = Number(process.hrtime.bigint() - start) / 1e6;
          const buf = Buffer.concat(chunks);
          // raw: the bytes as sent (possibly compressed), decoded by the caller only when it needs the text.
          resolve(
            raw
              ? { status: res.statusCode, headers: res.headers, rawBody: buf, ms }
              : { status: res.statusCode, headers: res.headers, body: buf.toString("utf8"), ms },
          );
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${url}`)));
    req.on("error", (e) => {
      e.reusedSocket = req.reusedSocket;
      reject(e);
    });
    const start = process.hrtime.bigint();
    req.end(payload);
  });
}

/** Polls `url` until it answers `status` (default 200), for at most `timeoutMs`. */
export async function waitForUrl(url, { timeoutMs = 120_000, status = 200, isAlive = () => true } = {}) {
  const until = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < until) {
    if (!isAlive()) throw new Error(`the process behind ${url} exited while starting`);
    try {
      const r = await send({ url, timeoutMs: 5_000 });
      if (r.status === status) return;
      last = `status ${r.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not ready after ${timeoutMs / 1000} s (${last})`);
}
