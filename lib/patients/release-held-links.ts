// Staff release the links a patient asked for just after their email changed, having checked with the patient
// (docs/security.md A3). One link is issued however many requests were held, through the same rules as
// "Send invitation/reset email", to the address on file.
import type { Tx } from "@/db/client";
import { lockOpenHeldLinkRequests, resolveHeldLinkRequests } from "@/db/queries/held-link-requests";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invitePatients, type InvitationResult } from "./invite-patients";

export type ReleaseHeldLinksResult = InvitationResult | { ok: false; reason: "nothing_held" };

export async function releaseHeldLinks(
  tx: Tx,
  opts: { patientId: string; staffId: string; now: Date },
): Promise<ReleaseHeldLinksResult> {
  const held = await lockOpenHeldLinkRequests(tx, opts.patientId);
  if (!held.length) return { ok: false, reason: "nothing_held" };
  // Releasing is the staff confirmation that the change was checked with the patient.
  const [result] = await invitePatients(tx, {
    patientIds: [opts.patientId],
    staffId: opts.staffId,
    via: "staff",
    emailChangeConfirmed: true,
    now: opts.now,
  });
  // Refused (access switched off since): the requests stay held, so staff can discard them.
  if (!result.ok) return result;
  await resolveHeldLinkRequests(tx, {
    ids: held.map((h) => h.id),
    resolution: "released",
    staffId: opts.staffId,
    now: opts.now,
  });
  await recordAuditEvent(tx, {
    event: "staff.held_link_released",
    actorType: "staff",
    actorStaffId: opts.staffId,
    patientId: opts.patientId,
    details: { requests: held.length },
  });
  return result;
}
