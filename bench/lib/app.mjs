// Starting what the bench measures: the production app (as scripts/e2e-server.mjs starts it, with the same
// environment), the fake Resend API, and the bare baseline server.
import { waitForUrl } from "./http.mjs";
import { start } from "./procs.mjs";

export const DIST_DIR = ".next-bench";

/**
 * The app's environment: scripts/e2e-server.mjs's, except that the per-address limits are ours to set
 * (`limits: null` leaves them unset, i.e. the app's defaults of 20) and the database is the bench's own.
 */
export function appEnv({ port, resendPort, databaseUrl, authSecret, limits }) {
  const env = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: authSecret,
    DATABASE_URL: databaseUrl,
    DEMO_SEED: "false",
    PORT: String(port),
    RESEND_API_KEY: "re_e2e_fake_key",
    RESEND_BASE_URL: `http://127.0.0.1:${resendPort}`,
    EMAIL_FROM: "Riverside Family Medicine <portal@riverside.test>",
  };
  delete env.PGLITE_DIR;
  delete env.RATE_LIMIT_VERIFY_PER_IP;
  delete env.RATE_LIMIT_SIGNIN_PER_IP;
  delete env.RATE_LIMIT_STAFF_SIGNIN_PER_IP;
  if (limits) {
    env.RATE_LIMIT_VERIFY_PER_IP = String(limits.verify);
    env.RATE_LIMIT_SIGNIN_PER_IP = String(limits.signIn);
    env.RATE_LIMIT_STAFF_SIGNIN_PER_IP = String(limits.signIn);
  }
  return env;
}

export async function startApp({ name, port, env, logFile }) {
  const proc = start(
    name,
    "node",
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    { env, logFile },
  );
  await waitForUrl(`http://127.0.0.1:${port}/admin/login`, { timeoutMs: 180_000, isAlive: proc.alive });
  return proc;
}

export async function startFakeResend({ port, logFile }) {
  const proc = start(
    "fake-resend",
    "node",
    ["node_modules/tsx/dist/cli.mjs", "scripts/fake-resend.ts", "--port", String(port)],
    {
      env: process.env,
      logFile,
    },
  );
  await waitForUrl(`http://127.0.0.1:${port}/_fake/messages`, { timeoutMs: 60_000, isAlive: proc.alive });
  return proc;
}

export async function startBaseline({ port, databaseUrl, authSecret, logFile }) {
  const proc = start("baseline", "node", ["bench/baseline-server.mjs"], {
    env: { ...process.env, BASELINE_PORT: String(port), DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret },
    logFile,
  });
  await waitForUrl(`http://127.0.0.1:${port}/health`, { timeoutMs: 30_000, isAlive: proc.alive });
  return proc;
}
