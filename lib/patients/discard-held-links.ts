// Staff discard the links a patient asked for just after their email changed: nothing is sent
// (docs/security.md A3).
import type { Tx } from "@/db/client";
import { lockOpenHeldLinkRequests, resolveHeldLinkRequests } from "@/db/queries/held-link-requests";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export async function discardHeldLinks(
  tx: Tx,
  opts: { patientId: string; staffId: string; now: Date },
): Promise<{ ok: boolean }> {
  const held = await lockOpenHeldLinkRequests(tx, opts.patientId);
  if (!held.length) return { ok: false };
  await resolveHeldLinkRequests(tx, {
    ids: held.map((h) => h.id),
    resolution: "discarded",
    staffId: opts.staffId,
    now: opts.now,
  });
  await recordAuditEvent(tx, {
    event: "staff.held_link_discarded",
    actorType: "staff",
    actorStaffId: opts.staffId,
    patientId: opts.patientId,
    details: { requests: held.length },
  });
  return { ok: true };
}
