// Issues a staff invitation link and queues its email, inside the caller's transaction. When the address has had
// its share of emails, the whole change is rolled back: an account or a new link without its email helps nobody,
// and the previous link keeps working.
import type { Tx } from "@/db/client";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { issueStaffInviteLink } from "@/lib/tokens/issue-staff-invite-link";
import { refuse, StaffChangeAbort } from "./staff-change-result";

export async function emailStaffInvite(
  tx: Tx,
  opts: { staffUserId: string; email: string; name: string; actorStaffId: string; now: Date },
): Promise<void> {
  const link = await issueStaffInviteLink(tx, {
    staffUserId: opts.staffUserId,
    issuedByStaffId: opts.actorStaffId,
    now: opts.now,
  });
  const sent = await enqueueEmail(tx, {
    to: opts.email,
    message: { template: "staff_invite", link: link.url, validFor: link.validFor, staffName: opts.name },
    now: opts.now,
  });
  if (!sent.queued) throw new StaffChangeAbort(refuse("email_cap"));
}
