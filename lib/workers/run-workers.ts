// The background loop: process verification requests, then deliver the outbox. Runs inside the app process by
// default and as `npm run worker`; every claim uses SKIP LOCKED, so any number of loops can share a database.
import { hostname } from "node:os";
import type { Db } from "@/db/client";
import { recordWorkerPass } from "@/db/queries/worker-heartbeats";
import { getLogger } from "@/logger";
import { getConfig } from "@/lib/config";
import { deliverOutbox } from "@/lib/email/deliver-outbox";
import { databasePacer, type SendPacer } from "@/lib/email/send-pacer";
import { mailboxTransport, resendTransport, type EmailTransport } from "@/lib/email/transport";
import { applyRetention } from "@/lib/housekeeping/apply-retention";
import { processVerifications } from "@/lib/verification/process-verifications";
import { sendReminders } from "@/lib/patients/send-reminders";

const IDLE_MS = 1000;
const KICK_KEY = "__patientPortalWorkerKick";
/** How often a worker stamps its heartbeat (health calls it stalled after 60 s without one). */
const HEARTBEAT_MS = 10_000;
const RETENTION_MS = 10 * 60_000;

export type WorkerKind = "inline" | "standalone";

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

/**
 * Starts the loop; returns a stop function. A failed pass (a lost connection, a database restart) is logged
 * without content and the loop goes on with a fresh `getDb()`; each completed pass stamps the heartbeat that
 * /api/health reads (docs/security.md L3), and now and then the retention job runs (L2).
 */
export function startWorkers(
  getDb: () => Promise<Db>,
  opts: { kind?: WorkerKind; now?: () => Date; heartbeatMs?: number } = {},
): () => Promise<void> {
  const log = getLogger().child({ component: "worker" });
  const now = opts.now ?? (() => new Date());
  const workerId = `${hostname()}:${process.pid}:${opts.kind ?? "inline"}`;
  const transport = configuredTransport();
  let stopped = false;
  let wake: (() => void) | undefined;
  let passes = 0;
  let lastBeat = 0;
  let lastRetention = 0;
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
        if (++passes % 300 === 1) found += await sendReminders(db, now());
        const at = now();
        if (at.getTime() - lastBeat >= (opts.heartbeatMs ?? HEARTBEAT_MS)) {
          await recordWorkerPass(db, { workerId, kind: opts.kind ?? "inline", at });
          lastBeat = at.getTime();
        }
        if (at.getTime() - lastRetention >= RETENTION_MS) {
          lastRetention = at.getTime();
          const deleted = await applyRetention(db, { now: at });
          if (Object.values(deleted).some((n) => n > 0)) log.info({ deleted }, "retention: old rows deleted");
        }
      } catch (e) {
        log.error({ err: e }, "worker pass failed");
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
