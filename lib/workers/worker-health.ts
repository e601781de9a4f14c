// Whether anything is processing verifications and sending email: some worker (inline or `npm run worker`, on
// any instance) completed a pass within the last minute, as its heartbeat in the database says
// (docs/security.md L3).
import type { Db } from "@/db/client";
import { lastWorkerPassAt } from "@/db/queries/worker-heartbeats";

export const WORKER_STALLED_AFTER_MS = 60_000;

export type WorkerHealth = { stalled: boolean; lastPassAt: Date | null };

export async function checkWorkerHealth(db: Db, opts: { now: Date }): Promise<WorkerHealth> {
  const lastPassAt = await lastWorkerPassAt(db);
  const stalled = !lastPassAt || opts.now.getTime() - lastPassAt.getTime() > WORKER_STALLED_AFTER_MS;
  return { stalled, lastPassAt };
}
