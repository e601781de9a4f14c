// Runs once when the server starts: validate configuration, migrate, seed the demo if embedded, start the worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getConfig } = await import("./lib/config");
  const { getLogger } = await import("./logger");
  const log = getLogger();
  const config = getConfig();
  const { getDb, surviveDriverCrash } = await import("./db/client");
  // Next logs any other uncaught error itself and keeps serving; this one also needs a fresh pool
  // (docs/security.md L3).
  surviveDriverCrash({ log: (line) => log.warn(line) });
  const db = await getDb();
  const { readDatabaseEnv } = await import("./db/env");
  if (readDatabaseEnv(process.env).seedDemo) {
    const { ensureDemoAuthenticators } = await import("./lib/second-factor/demo-authenticators");
    await ensureDemoAuthenticators(db);
  }
  if (config.EMAIL_WORKER === "inline") {
    const { startWorkers } = await import("./lib/workers/run-workers");
    startWorkers(getDb, { kind: "inline" });
  }
  if (config.emailMode === "mailbox") {
    log.info(`Emails are not sent (no RESEND_API_KEY): read them at ${config.APP_URL}/dev/mailbox`);
  }
}
