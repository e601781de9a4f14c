// npm run worker: the background loop on its own, for deployments that set EMAIL_WORKER=off on the web servers.
import { getConfig } from "@/lib/config";
import { closeDb, getDb, surviveDriverCrash } from "@/db/client";
import { startWorkers } from "@/lib/workers/run-workers";
import { getLogger } from "@/logger";

const log = getLogger().child({ component: "worker" });
const config = getConfig();
// A connection killed mid-transaction must not end the worker (docs/security.md L3); anything else still does.
surviveDriverCrash({
  log: (line) => log.warn(line),
  otherwise: (e) => {
    log.fatal({ err: e }, "worker stopped by an unexpected error");
    process.exit(1);
  },
});
log.info(
  `Patient Portal worker started (${config.RESEND_API_KEY ? "sending through Resend" : "development mailbox"}).`,
);
const stop = startWorkers(getDb, { kind: "standalone" });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await stop();
    await closeDb();
    process.exit(0);
  });
}
