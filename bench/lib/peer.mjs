// The peer: bench/peer-app, Better Auth 1.7.25 mounted in Next.js 16.4.6 (what a Next team would pick instead of
// us), built, started and seeded here; and the requests the throughput test sends it. Its own scratch database
// holds its own four tables; its users are made through its own sign-up endpoint, so their passwords carry its own
// scrypt hashes. The floor app (bench/floor-app, FLOOR_MODE=sql: our request's statement in a bare Next.js action) is
// started here too: both run beside the product for the throughput phases.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createScratchDatabase } from "../../test-kit/scratch-database.mjs";
import { bodyText } from "./actions.mjs";
import { appEnv } from "./app.mjs";
import { buildAppIfStale } from "./build.mjs";
import { send, waitForUrl } from "./http.mjs";
import { ensureOwnInstall } from "./own-install.mjs";
import { run, start, stop } from "./procs.mjs";

export const PEER_DIR = path.join("bench", "peer-app");
export const PEER_DIST_DIR = ".next-peer";
export const FLOOR_DIR = path.join("bench", "floor-app");
export const FLOOR_DIST_DIR = ".next-floor";
// Eight accounts like the eight demo patients our sign-in test cycles through; the same 21-character password.
export const PEER_ACCOUNTS = Array.from({ length: 8 }, (_, i) => `peer-patient-${i + 1}@riverside.test`);
export const PEER_PASSWORD = "demo-patient-password";
const RESET_MESSAGE = "If this email exists in our system, check your email for the reset link";

/** Installs (npm ci, once) and builds the peer, and the floor app, when their builds are missing or stale. */
export async function buildPeerAndFloor({ logDir }) {
  ensureOwnInstall(PEER_DIR);
  await buildAppIfStale({
    cwd: PEER_DIR,
    distDir: PEER_DIST_DIR,
    logFile: path.join(logDir, "peer-build.log"),
    label: "peer build",
  });
  await buildAppIfStale({
    cwd: FLOOR_DIR,
    distDir: FLOOR_DIST_DIR,
    logFile: path.join(logDir, "floor-build.log"),
    label: "floor build",
  });
}

/**
 * A scratch database with the peer's tables (bench/peer-app/migrate.mjs: Better Auth's own migration), the peer's
 * `next start` on `port`, and its eight users signed up through it. Returns { url, proc, databaseUrl, drop,
 * restart(logName) }; restart replaces proc.
 */
export async function startPeer({ adminUrl, port, logDir }) {
  const scratch = await createScratchDatabase(adminUrl, "pp_bench_peer");
  const env = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    BETTER_AUTH_TELEMETRY: "0",
    NEXT_DIST_DIR: PEER_DIST_DIR,
    DATABASE_URL: scratch.url,
    BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  };
  delete env.PGLITE_DIR;
  try {
    await run("peer-migrate", "node", ["migrate.mjs"], {
      env,
      cwd: PEER_DIR,
      logFile: path.resolve(logDir, "peer-migrate.log"),
    });
    const startProc = async (logName) => {
      const proc = start(
        "peer",
        "node",
        ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
        { env, cwd: PEER_DIR, logFile: path.resolve(logDir, logName) },
      );
      await waitForUrl(`${url}/api/auth/ok`, { timeoutMs: 180_000, isAlive: proc.alive });
      return proc;
    };
    const url = `http://127.0.0.1:${port}`;
    const proc = await startProc("peer.log");
    for (const email of PEER_ACCOUNTS) {
      const res = await postJson(url, "/api/auth/sign-up/email", {
        email,
        password: PEER_PASSWORD,
        name: "Peer Patient",
      });
      if (res.status !== 200 || res.json?.user?.email !== email)
        throw new Error(`peer sign-up of ${email}: status ${res.status}, ${res.body.slice(0, 200)}`);
    }
    // A fresh process on the same database and users, for a phase that starts every subject cold.
    const restart = async (logName) => {
      await stop(peer.proc);
      peer.proc = await startProc(logName);
    };
    const peer = { url, proc, databaseUrl: scratch.url, drop: scratch.drop, restart };
    return peer;
  } catch (e) {
    await scratch.drop();
    throw e;
  }
}

/** The floor app (FLOOR_MODE=sql) on our scratch database: our action's statement, in a bare Next.js app. */
export async function startFloorSql({ port, resendPort, databaseUrl, authSecret, logDir, logName = "floor-sql.log" }) {
  const env = {
    ...appEnv({ port, resendPort, databaseUrl, authSecret, limits: { verify: 10_000, signIn: 10_000 } }),
    NEXT_DIST_DIR: FLOOR_DIST_DIR,
    EMAIL_WORKER: "off",
    FLOOR_MODE: "sql",
  };
  // The floor has no node_modules of its own: it runs on the product's next (its turbopack root is the repo).
  const proc = start(
    "floor-sql",
    "node",
    [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    { env, cwd: FLOOR_DIR, logFile: path.resolve(logDir, logName) },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/`, { timeoutMs: 180_000, isAlive: proc.alive });
  return { url, proc };
}

/** A JSON POST as the peer's own client library sends it (fetch from a page of the same origin). */
export async function postJson(url, pathname, body, { agent, timeoutMs = 30_000 } = {}) {
  const res = await send({
    url: new URL(pathname, url).toString(),
    method: "POST",
    agent,
    timeoutMs,
    headers: {
      "Content-Type": "application/json",
      Accept: "*/*",
      "Accept-Encoding": "gzip, deflate, br, zstd",
      Origin: url,
      Referer: `${url}/`,
      "Sec-Fetch-Site": "same-origin",
      "Sec-Fetch-Mode": "cors",
      "Sec-Fetch-Dest": "empty",
    },
    body: JSON.stringify(body),
    raw: true,
  });
  const text = bodyText(res);
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: the checks below say so
  }
  return { status: res.status, headers: res.headers, ms: res.ms, body: text, json };
}

/**
 * Request makers for closedLoop: `(agents) => (client, seq) => Promise<{ ok, ms, error }>`. Every answer is read
 * and checked (status 200 and the JSON the peer gives for that request).
 */
export function peerRequests(url) {
  const resetWith = (email) => (agent) =>
    postJson(url, "/api/auth/request-password-reset", { email, redirectTo: `${url}/reset-password` }, { agent }).then(
      (res) =>
        res.status === 200 && res.json?.status === true && res.json?.message === RESET_MESSAGE
          ? { ok: true, ms: res.ms }
          : { ok: false, ms: res.ms, error: `status ${res.status}, ${res.body.slice(0, 120)}` },
    );
  return {
    resetExisting: (agents) => (i, seq) => resetWith(PEER_ACCOUNTS[(i + seq) % PEER_ACCOUNTS.length])(agents[i]),
    resetUnknown: (agents) => (i) => resetWith(`nobody-${randomBytes(6).toString("hex")}@riverside.test`)(agents[i]),
    signIn: (agents) => (i, seq) => {
      const email = PEER_ACCOUNTS[(i + seq) % PEER_ACCOUNTS.length];
      return postJson(url, "/api/auth/sign-in/email", { email, password: PEER_PASSWORD }, { agent: agents[i] }).then(
        (res) =>
          res.status === 200 && res.json?.user?.email === email && typeof res.json?.token === "string"
            ? { ok: true, ms: res.ms }
            : { ok: false, ms: res.ms, error: `status ${res.status}, ${res.body.slice(0, 120)}` },
      );
    },
  };
}

/** Better Auth's own password check (`verifyPassword` of better-auth/crypto), from the peer's node_modules. */
export async function peerVerifyPassword() {
  const file = path.resolve(PEER_DIR, "node_modules", "better-auth", "dist", "crypto", "index.mjs");
  const { verifyPassword } = await import(pathToFileURL(file).href);
  return verifyPassword;
}
