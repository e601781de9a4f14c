// Starts the production build for end-to-end tests on a database of its own: a fresh PostgreSQL database when
// DATABASE_URL is set (dropped on exit), otherwise an embedded PGlite folder in a temporary directory.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createScratchDatabase } from "../test-kit/scratch-database.mjs";

const port = Number(process.env.E2E_PORT ?? 3210);
// The browser's address is localhost, not 127.0.0.1: WebAuthn refuses an IP address as the RP ID, so passkeys
// need a host name. The server still listens on 127.0.0.1 only.
const appUrl = `http://localhost:${port}`;
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  APP_URL: appUrl,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  DEMO_SEED: "true",
  PORT: String(port),
  // Emails go through the real Resend SDK to the local fake that playwright.config.ts starts beside us.
  RESEND_API_KEY: "re_e2e_fake_key",
  RESEND_BASE_URL: `http://127.0.0.1:${Number(process.env.E2E_RESEND_PORT ?? 3211)}`,
  EMAIL_FROM: "Riverside Family Medicine <portal@riverside.test>",
  // Every browser in the suite comes from 127.0.0.1.
  RATE_LIMIT_VERIFY_PER_IP: "1000",
  RATE_LIMIT_SIGNIN_PER_IP: "1000",
  RATE_LIMIT_STAFF_SIGNIN_PER_IP: "1000",
};
const cleanups = [];

if (process.env.DATABASE_URL) {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL, "pp_e2e").catch((e) => {
    console.error(`e2e: ${e.message}`);
    process.exit(1);
  });
  env.DATABASE_URL = scratch.url;
  // Tests that must arrange a state no user can reach in a test's time (an expired link) read this.
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/e2e-database.json", JSON.stringify({ url: env.DATABASE_URL }));
  cleanups.push(scratch.drop);
} else {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-e2e-"));
  env.PGLITE_DIR = path.join(dir, "pglite");
  rmSync("test-results/e2e-database.json", { force: true });
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
}

if (!existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`) || process.env.E2E_BUILD === "1") {
  const build = spawnSync("npx", ["next", "build"], {
    stdio: "inherit",
    env: { ...env, DATABASE_URL: "", PGLITE_DIR: "" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Everything the server prints is also kept in a file: e2e/log-scan.check.ts reads it after the suite to prove
// that no emailed token or typed password ever reached the logs (docs/security.md T7).
mkdirSync("test-results", { recursive: true });
const serverLog = createWriteStream(`test-results/e2e-server-${port}.log`);
const server = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
  stdio: ["ignore", "pipe", "pipe"],
  env,
});
for (const [from, to] of [
  [server.stdout, process.stdout],
  [server.stderr, process.stderr],
]) {
  from.on("data", (chunk) => {
    to.write(chunk);
    serverLog.write(chunk);
  });
}

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
  for (const c of cleanups) await c().catch((e) => console.error(`e2e cleanup: ${e.message}`));
  process.exit(code);
}
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
server.on("exit", (code) => {
  if (!stopping) stop(code ?? 1);
});
