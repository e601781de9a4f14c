// "Send invitation/reset email" for one patient: the rules (and the batch form bulk runs use) are in
// invite-patients.ts, so the button and a bulk run can never disagree.
import type { Tx } from "@/db/client";
import type { LinkIssuer } from "@/lib/tokens/issue-account-link";
import { invitePatients, type InvitationResult } from "./invite-patients";

export type { InvitationResult } from "./invite-patients";

export async function sendPortalInvitation(
  tx: Tx,
  opts: {
    patientId: string;
    staffId: string | null;
    via: LinkIssuer;
    emailChangeConfirmed?: boolean;
    now: Date;
    bulkInvitationId?: string;
  },
): Promise<InvitationResult> {
  const [result] = await invitePatients(tx, { ...opts, patientIds: [opts.patientId] });
  return result;
}
