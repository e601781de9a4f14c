// For load balancers and the practice's IT: 200 when the app can reach its database and a worker completed a
// pass within the last minute; 503 with what is wrong otherwise (docs/security.md L3).
import { getDb } from "@/db/client";
import { checkWorkerHealth } from "@/lib/workers/worker-health";

export const dynamic = "force-dynamic";

const headers = { "cache-control": "no-store" };

export async function GET() {
  let stalled: boolean;
  try {
    const db = await getDb();
    const health = await Promise.race([
      checkWorkerHealth(db, { now: new Date() }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
    stalled = health.stalled;
  } catch {
    return Response.json({ ok: false, problem: "database unavailable" }, { status: 503, headers });
  }
  if (stalled) return Response.json({ ok: false, worker: "stalled" }, { status: 503, headers });
  return Response.json({ ok: true, worker: "ok" }, { headers });
}
