// Runs once when the server starts: validate configuration, migrate, seed the demo if embedded, start the worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getConfig } = await import("./lib/config");
  const config = getConfig();
  const { getDb } = await import("./db/client");
  await getDb();
  if (config.EMAIL_WORKER === "inline") {
    const { startWorkers } = await import("./lib/workers/run-workers");
    startWorkers(getDb);
  }
  if (config.emailMode === "mailbox") {
    console.log(`Emails are not sent (no RESEND_API_KEY): read them at ${config.APP_URL}/dev/mailbox`);
  }
}
