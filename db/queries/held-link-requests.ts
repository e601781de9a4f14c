// Setup and reset links held because the patient's email had just changed (docs/security.md A3).
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { heldLinkRequests } from "../schema";

export async function insertHeldLinkRequest(
  db: Db,
  opts: { patientId: string; flow: string; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(heldLinkRequests)
    .values({ patientId: opts.patientId, flow: opts.flow, createdAt: opts.now })
    .returning({ id: heldLinkRequests.id });
  return row.id;
}

/** What the patient dash lists: requests neither released nor discarded, oldest first. */
export async function listOpenHeldLinkRequests(db: Db, patientId: string) {
  return db
    .select({ id: heldLinkRequests.id, flow: heldLinkRequests.flow, createdAt: heldLinkRequests.createdAt })
    .from(heldLinkRequests)
    .where(and(eq(heldLinkRequests.patientId, patientId), isNull(heldLinkRequests.resolvedAt)))
    .orderBy(asc(heldLinkRequests.createdAt));
}

export type HeldLinkRequest = Awaited<ReturnType<typeof listOpenHeldLinkRequests>>[number];

/** Locks the patient's open requests until the transaction ends, so two staff cannot both act on them. */
export async function lockOpenHeldLinkRequests(db: Db, patientId: string) {
  return db
    .select({ id: heldLinkRequests.id, flow: heldLinkRequests.flow })
    .from(heldLinkRequests)
    .where(and(eq(heldLinkRequests.patientId, patientId), isNull(heldLinkRequests.resolvedAt)))
    .for("update");
}

export async function resolveHeldLinkRequests(
  db: Db,
  opts: { ids: readonly string[]; resolution: "released" | "discarded"; staffId: string; now: Date },
): Promise<void> {
  if (!opts.ids.length) return;
  await db
    .update(heldLinkRequests)
    .set({ resolvedAt: opts.now, resolution: opts.resolution, resolvedByStaffId: opts.staffId })
    .where(and(inArray(heldLinkRequests.id, [...opts.ids]), isNull(heldLinkRequests.resolvedAt)));
}
