/**
 * A local stand-in for the Resend HTTP API, for tests.
 *
 * It speaks just enough of the API for the `resend` SDK's `emails.send` and
 * `batch.send`, records what it accepted, and lets a test inject the failures
 * a real provider produces (429s, 5xx, rate limits) so retry paths can be
 * exercised without the network. `/_fake/*` routes expose the same controls
 * over HTTP for tests running in another process (e.g. Playwright driving a
 * Next.js server that was pointed here with RESEND_BASE_URL).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

export type FailStatus = 429 | 500 | 503;

export interface FakeMessage {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  headers?: Record<string, string>;
  tags?: unknown;
  idempotencyKey?: string;
  receivedAt: number;
}

export interface ControlCommand {
  failNext?: { n: number; status: FailStatus; retryAfterSeconds?: number };
  failAlways?: FailStatus | null;
  rateLimit?: number | null;
  clear?: true;
}

export interface FakeResend {
  url: string;
  messages(): FakeMessage[];
  failNext(n: number, status: FailStatus, opts?: { retryAfterSeconds?: number }): void;
  failAlways(status: FailStatus | null): void;
  rateLimit(perSecond: number | null): void;
  waitFor(predicate: (m: FakeMessage) => boolean, timeoutMs?: number): Promise<FakeMessage>;
  /** Back to the just-started state: messages, idempotency keys, request count and injected faults. */
  clear(): void;
  close(): Promise<void>;
  /** Requests that reached the send or batch routes, whatever their outcome (useful to count retries). */
  requestCount(): number;
}

// Resend's documented limit for one batch call.
const MAX_BATCH = 100;
const FAIL_STATUSES: readonly number[] = [429, 500, 503];

interface ApiError {
  statusCode: number;
  name: string;
  message: string;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Fault {
  status: FailStatus;
  retryAfterSeconds?: number;
}

interface Waiter {
  predicate: (m: FakeMessage) => boolean;
  resolve: (m: FakeMessage) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

type ValidItem = Omit<FakeMessage, "id" | "receivedAt" | "idempotencyKey">;

const apiError = (statusCode: number, name: string, message: string, headers?: Record<string, string>): Reply => ({
  status: statusCode,
  body: { statusCode, name, message } satisfies ApiError,
  headers,
});

function faultReply(fault: Fault): Reply {
  const headers =
    fault.retryAfterSeconds === undefined ? undefined : { "Retry-After": String(fault.retryAfterSeconds) };
  return fault.status === 429
    ? apiError(429, "rate_limit_exceeded", "Too many requests (injected by fake resend).", headers)
    : apiError(fault.status, "internal_server_error", "Internal server error (injected by fake resend).", headers);
}

/** Returns the message fields, or the Resend-style complaint about the first bad one. */
function validateEmail(raw: unknown): ValidItem | string {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return "Email must be a JSON object.";
  const e = raw as Record<string, unknown>;
  const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
  if (!nonEmpty(e.from)) return "Missing `from` field.";
  const to = typeof e.to === "string" ? [e.to] : e.to;
  if (!Array.isArray(to) || to.length === 0 || !to.every(nonEmpty)) return "Missing `to` field.";
  if (!nonEmpty(e.subject)) return "Missing `subject` field.";
  const item: ValidItem = { from: e.from, to, subject: e.subject };
  if (typeof e.html === "string") item.html = e.html;
  if (typeof e.text === "string") item.text = e.text;
  if (typeof e.headers === "object" && e.headers !== null) item.headers = e.headers as Record<string, string>;
  if (e.tags !== undefined) item.tags = e.tags;
  return item;
}

// Key order must not make two equal payloads look different to the idempotency check.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function parseControl(raw: unknown): ControlCommand | string {
  if (typeof raw !== "object" || raw === null) return "control body must be a JSON object";
  const c = raw as Record<string, unknown>;
  const isStatus = (s: unknown): s is FailStatus => typeof s === "number" && FAIL_STATUSES.includes(s);
  const cmd: ControlCommand = {};
  if (c.failNext !== undefined) {
    const f = c.failNext as Record<string, unknown> | null;
    if (!f || !Number.isInteger(f.n) || (f.n as number) < 0 || !isStatus(f.status)) {
      return "failNext must be { n: integer >= 0, status: 429 | 500 | 503, retryAfterSeconds?: number }";
    }
    if (f.retryAfterSeconds !== undefined && typeof f.retryAfterSeconds !== "number") {
      return "failNext.retryAfterSeconds must be a number";
    }
    cmd.failNext = { n: f.n as number, status: f.status, retryAfterSeconds: f.retryAfterSeconds as number | undefined };
  }
  if (c.failAlways !== undefined) {
    if (c.failAlways !== null && !isStatus(c.failAlways)) return "failAlways must be 429 | 500 | 503 | null";
    cmd.failAlways = c.failAlways;
  }
  if (c.rateLimit !== undefined) {
    if (c.rateLimit !== null && !(Number.isInteger(c.rateLimit) && (c.rateLimit as number) > 0)) {
      return "rateLimit must be a positive integer or null";
    }
    cmd.rateLimit = c.rateLimit as number | null;
  }
  if (c.clear === true) cmd.clear = true;
  return cmd;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function writeReply(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

export async function startFakeResend(opts: { port?: number } = {}): Promise<FakeResend> {
  let messages: FakeMessage[] = [];
  let requests = 0;
  let faults: Fault[] = [];
  let alwaysFail: FailStatus | null = null;
  let perSecond: number | null = null;
  // Only admitted requests are remembered: counting the rejected ones too would
  // keep a client that retries quickly locked out forever.
  let admittedAt: number[] = [];
  // Keyed by route + key, as a batch key and a single-send key are separate operations.
  let idempotent = new Map<string, { fingerprint: string; reply: Reply }>();
  const waiters = new Set<Waiter>();

  function record(item: ValidItem, idempotencyKey: string | undefined): FakeMessage {
    const message: FakeMessage = { id: randomUUID(), ...item, receivedAt: Date.now() };
    if (idempotencyKey !== undefined) message.idempotencyKey = idempotencyKey;
    messages.push(message);
    for (const w of waiters) {
      let matched: boolean;
      try {
        matched = w.predicate(message);
      } catch (err) {
        settle(w);
        w.reject(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      if (matched) {
        settle(w);
        w.resolve(message);
      }
    }
    return message;
  }

  function settle(w: Waiter): void {
    clearTimeout(w.timer);
    waiters.delete(w);
  }

  function injectedFailure(): Reply | undefined {
    if (alwaysFail !== null) return faultReply({ status: alwaysFail });
    const next = faults.shift();
    if (next) return faultReply(next);
    if (perSecond !== null) {
      const now = Date.now();
      admittedAt = admittedAt.filter((t) => now - t < 1000);
      if (admittedAt.length >= perSecond) {
        return apiError(
          429,
          "rate_limit_exceeded",
          `Too many requests. You can only make ${perSecond} requests per second.`,
          {
            "Retry-After": "1",
          },
        );
      }
      admittedAt.push(now);
    }
    return undefined;
  }

  function handleSend(body: unknown, key: string | undefined): Reply {
    const item = validateEmail(body);
    if (typeof item === "string") return apiError(422, "missing_required_field", item);
    return { status: 200, body: { id: record(item, key).id } };
  }

  function handleBatch(body: unknown, key: string | undefined, permissive: boolean): Reply {
    if (!Array.isArray(body)) return apiError(422, "validation_error", "Batch body must be an array of emails.");
    if (body.length === 0) return apiError(422, "validation_error", "Batch must contain at least one email.");
    if (body.length > MAX_BATCH) {
      return apiError(
        422,
        "validation_error",
        `Too many emails in batch: ${body.length}, the maximum is ${MAX_BATCH}.`,
      );
    }
    const checked = body.map(validateEmail);
    const errors = checked.flatMap((c, index) => (typeof c === "string" ? [{ index, message: c }] : []));
    // Strict mode (the SDK default) is all-or-nothing, so nothing is recorded on any error.
    if (!permissive && errors.length > 0) {
      return apiError(422, "validation_error", errors.map((e) => `emails[${e.index}]: ${e.message}`).join(" "));
    }
    const data = checked.flatMap((c) => (typeof c === "string" ? [] : [{ id: record(c, key).id }]));
    return { status: 200, body: permissive ? { data, errors } : { data } };
  }

  async function handleApi(req: IncomingMessage, route: "send" | "batch"): Promise<Reply> {
    requests++;
    // Drain the body even when rejecting early, so the kept-alive connection stays usable.
    const raw = await readBody(req);
    const auth = req.headers.authorization ?? "";
    if (!/^Bearer\s+\S+/.test(auth)) {
      return apiError(
        401,
        "missing_api_key",
        "Missing API key in the authorization header. Include the following header Authorization: Bearer YOUR_API_KEY in the request.",
      );
    }
    const failure = injectedFailure();
    if (failure) return failure;

    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return apiError(400, "validation_error", "Request body is not valid JSON.");
    }

    const keyHeader = req.headers["idempotency-key"];
    const key = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
    if (key !== undefined && (key.length === 0 || key.length > 256)) {
      return apiError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
    }
    const permissive = route === "batch" && req.headers["x-batch-validation"] === "permissive";
    const fingerprint = canonicalJson({ body, permissive });
    const storeKey = `${route}\n${key}`;
    if (key !== undefined) {
      const seen = idempotent.get(storeKey);
      if (seen && seen.fingerprint !== fingerprint) {
        return apiError(
          409,
          "invalid_idempotent_request",
          "Same idempotency key used with a different request payload.",
        );
      }
      if (seen) return seen.reply;
    }

    const reply = route === "send" ? handleSend(body, key) : handleBatch(body, key, permissive);
    // Only successes are remembered, so a corrected retry under the same key can still go through.
    if (key !== undefined && reply.status === 200) idempotent.set(storeKey, { fingerprint, reply });
    return reply;
  }

  const fake: Omit<FakeResend, "url" | "close"> = {
    messages: () => [...messages],
    requestCount: () => requests,
    failNext(n, status, o = {}) {
      for (let i = 0; i < n; i++) faults.push({ status, retryAfterSeconds: o.retryAfterSeconds });
    },
    failAlways(status) {
      alwaysFail = status;
    },
    rateLimit(n) {
      perSecond = n;
      admittedAt = [];
    },
    clear() {
      messages = [];
      requests = 0;
      faults = [];
      alwaysFail = null;
      perSecond = null;
      admittedAt = [];
      idempotent = new Map();
    },
    waitFor(predicate, timeoutMs = 10_000) {
      const already = messages.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<FakeMessage>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            settle(waiter);
            const seen = messages.map((m) => `"${m.subject}" to ${m.to.join(", ")}`).join("; ") || "none";
            reject(
              new Error(
                `fake resend: no matching message within ${timeoutMs}ms (received ${messages.length}: ${seen})`,
              ),
            );
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
  };

  function applyControl(cmd: ControlCommand): void {
    // Clear first so one command can reset and then arm a fault.
    if (cmd.clear) fake.clear();
    if (cmd.failNext) fake.failNext(cmd.failNext.n, cmd.failNext.status, cmd.failNext);
    if (cmd.failAlways !== undefined) fake.failAlways(cmd.failAlways);
    if (cmd.rateLimit !== undefined) fake.rateLimit(cmd.rateLimit);
  }

  async function route(req: IncomingMessage): Promise<Reply> {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const method = req.method ?? "GET";
    const api = path === "/emails" ? "send" : path === "/emails/batch" ? "batch" : undefined;
    if (api) {
      return method === "POST"
        ? handleApi(req, api)
        : apiError(405, "method_not_allowed", "Method is not allowed for the requested path.");
    }
    if (path === "/_fake/messages" && method === "GET") return { status: 200, body: messages };
    if (path === "/_fake/control" && method === "POST") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readBody(req));
      } catch {
        return { status: 400, body: { error: "control body is not valid JSON" } };
      }
      const cmd = parseControl(parsed);
      if (typeof cmd === "string") return { status: 400, body: { error: cmd } };
      applyControl(cmd);
      return { status: 200, body: { ok: true } };
    }
    return apiError(404, "not_found", `The fake does not implement ${method} ${path}.`);
  }

  const server = createServer((req, res) => {
    route(req).then(
      (reply) => writeReply(res, reply),
      (err: unknown) => writeReply(res, apiError(500, "application_error", `fake resend crashed: ${String(err)}`)),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    ...fake,
    url: `http://127.0.0.1:${port}`,
    close() {
      for (const w of waiters) {
        settle(w);
        w.reject(new Error("fake resend closed before a matching message arrived"));
      }
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch keeps connections alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
      });
    },
  };
}
