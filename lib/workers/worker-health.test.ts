// Worker heartbeats on a real database (docs/security.md L3): health reads the newest pass of any worker with an
// injected clock, the loop stamps its heartbeat, and a pass that fails (the database gone for a moment) does not
// end the loop: the next one processes what is waiting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { recordWorkerPass } from "@/db/queries/worker-heartbeats";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertPatient } from "@/test-kit/factories";
import { requestVerification } from "@/lib/verification/request-verification";
import { startWorkers } from "./run-workers";
import { checkWorkerHealth } from "./worker-health";

const NOW = new Date("2031-06-15T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

async function until(what: string, probe: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(DB_KINDS)("worker health (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(async () => t?.close());

  it("stalled with no heartbeat, fine within 60 s of the newest pass of any worker, stalled after", async () => {
    expect(await checkWorkerHealth(t.db, { now: NOW })).toEqual({ stalled: true, lastPassAt: null });
    await recordWorkerPass(t.db, { workerId: "web-1:inline", kind: "inline", at: ago(5 * 60_000) });
    await recordWorkerPass(t.db, { workerId: "box:standalone", kind: "standalone", at: ago(59_000) });
    expect(await checkWorkerHealth(t.db, { now: NOW })).toEqual({ stalled: false, lastPassAt: ago(59_000) });
    expect((await checkWorkerHealth(t.db, { now: new Date(NOW.getTime() + 2_000) })).stalled).toBe(true);
    // The same worker's next pass moves its row on.
    await recordWorkerPass(t.db, { workerId: "web-1:inline", kind: "inline", at: NOW });
    expect(await checkWorkerHealth(t.db, { now: NOW })).toEqual({ stalled: false, lastPassAt: NOW });
  });

  it("the loop survives a failed pass, stamps its heartbeat and processes the waiting request", async () => {
    await t.db.execute(sql`delete from worker_heartbeats`);
    const p = await insertPatient(t.db);
    await requestVerification(t.db, {
      flow: "register",
      details: { email: p.email!, lastName: p.lastName, dateOfBirth: p.dateOfBirth, zip: p.zip! },
      ipHash: "loop-test",
      now: new Date(),
    });
    let calls = 0;
    // The first two passes find the database unreachable, as during a restart.
    const getDb = async (): Promise<Db> => {
      if (++calls <= 2) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      return t.db;
    };
    const stop = startWorkers(getDb, { kind: "inline" });
    try {
      await until(
        "the request to be processed and a heartbeat",
        async () => {
          const [row] = await queryRows<{ done: number; beats: number }>(
            t.db,
            sql`select (select count(*)::int from verification_attempts where processed_at is not null) as done,
                       (select count(*)::int from worker_heartbeats) as beats`,
          );
          return row.done === 1 && row.beats === 1;
        },
        20_000,
      );
    } finally {
      await stop();
    }
    expect(calls).toBeGreaterThan(2);
    expect((await checkWorkerHealth(t.db, { now: new Date() })).stalled).toBe(false);
  });
});
