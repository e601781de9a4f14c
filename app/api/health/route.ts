// For load balancers and the practice's IT: 200 when the app can reach its database, 503 when it cannot.
import { getDb } from "@/db/client";
import { pingDatabase } from "@/db/queries/health";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await Promise.race([
      pingDatabase(db),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
    return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json(
      { ok: false, problem: "database unavailable" },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
