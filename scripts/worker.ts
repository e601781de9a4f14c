// npm run worker: the background loop on its own, for deployments that set EMAIL_WORKER=off on the web servers.
import { getConfig } from "@/lib/config";
import { closeDb, getDb } from "@/db/client";
import { startWorkers } from "@/lib/workers/run-workers";

const config = getConfig();
console.log(
  `Patient Portal worker started (${config.RESEND_API_KEY ? "sending through Resend" : "development mailbox"}).`,
);
const stop = startWorkers(getDb);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await stop();
    await closeDb();
    process.exit(0);
  });
}
