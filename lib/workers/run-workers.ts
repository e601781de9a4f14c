// The background loop: process verification requests, then deliver the outbox. Runs inside the app process by
// default and as `npm run worker`; every claim uses SKIP LOCKED, so any number of loops can share a database.
import type { Db } from "@/db/client";
import { getConfig } from "@/lib/config";
import { deliverOutbox } from "@/lib/email/deliver-outbox";
import { databasePacer, type SendPacer } from "@/lib/email/send-pacer";
import { mailboxTransport, resendTransport, type EmailTransport } from "@/lib/email/transport";
import { pruneRateLimits } from "@/lib/rate-limit/hit-rate-limit";
import { processVerifications } from "@/lib/verification/process-verifications";
import { sendReminders } from "@/lib/patients/send-reminders";

const IDLE_MS = 1000;
const KICK_KEY = "__patientPortalWorkerKick";

export function configuredTransport(): EmailTransport {
  const key = getConfig().RESEND_API_KEY;
  return key ? resendTransport(key, getConfig().RESEND_REQUESTS_PER_SECOND) : mailboxTransport;
}

/** The provider's request rate, kept by every worker of every instance together (through the database). */
function pacerFor(db: Db, transport: EmailTransport): SendPacer | undefined {
  return transport.requestsPerSecond
    ? databasePacer(db, { provider: transport.name, requestsPerSecond: transport.requestsPerSecond })
    : undefined;
}

/** One full pass; returns how much work it found. */
export async function runWorkersOnce(
  db: Db,
  transport: EmailTransport,
  pacer = pacerFor(db, transport),
): Promise<number> {
  const verified = await processVerifications(db);
  const delivered = await deliverOutbox(db, { transport, pacer });
  return verified + delivered;
}

/** Starts the loop; returns a stop function. Errors are logged without content and the loop goes on. */
export function startWorkers(
  getDb: () => Promise<Db>,
  opts: { log?: (line: string) => void } = {},
): () => Promise<void> {
  const log = opts.log ?? ((l) => console.error(l));
  const transport = configuredTransport();
  let stopped = false;
  let wake: (() => void) | undefined;
  let passes = 0;
  let pacerDb: Db | undefined;
  let pacer: SendPacer | undefined;
  // A request that just queued work wakes the loop at once instead of waiting for the next tick.
  (globalThis as Record<string, unknown>)[KICK_KEY] = () => wake?.();
  const loop = (async () => {
    while (!stopped) {
      let found = 0;
      try {
        const db = await getDb();
        if (pacerDb !== db) [pacerDb, pacer] = [db, pacerFor(db, transport)];
        found = await runWorkersOnce(db, transport, pacer);
        // Housekeeping now and then (a pass is about a second when idle).
        if (++passes % 600 === 0) await pruneRateLimits(db, new Date());
        if (passes % 300 === 1) found += await sendReminders(db, new Date());
      } catch (e) {
        log(`[worker] pass failed: ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : "unknown error"}`);
      }
      if (found === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, IDLE_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  })();
  return async () => {
    stopped = true;
    wake?.();
    await loop;
  };
}
