// Worker heartbeats: each worker process stamps its row after a completed pass; readers ask for the newest.
import { max, sql } from "drizzle-orm";
import type { Db } from "../client";
import { workerHeartbeats } from "../schema";

export async function recordWorkerPass(db: Db, opts: { workerId: string; kind: string; at: Date }) {
  await db
    .insert(workerHeartbeats)
    .values({ workerId: opts.workerId, kind: opts.kind, lastPassAt: opts.at })
    .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { lastPassAt: sql`excluded.last_pass_at` } });
}

/** When any worker (inline or standalone, on any instance) last completed a pass; null if none ever did. */
export async function lastWorkerPassAt(db: Db): Promise<Date | null> {
  const [row] = await db.select({ at: max(workerHeartbeats.lastPassAt) }).from(workerHeartbeats);
  return row?.at ? new Date(row.at) : null;
}
