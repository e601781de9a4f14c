// Runs once when the server starts: validate configuration, migrate, seed the demo if embedded.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getConfig } = await import("./lib/config");
  getConfig();
  const { getDb } = await import("./db/client");
  await getDb();
}
