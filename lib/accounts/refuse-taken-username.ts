// The setup form's username check, made before any password is hashed (issue 11 point 2; docs/security.md T8):
// "That username is taken" necessarily says that someone has it, so every such answer is audited
// (`account.username_taken`, without the username) and counted, against the caller's address by the bad-link
// limiter and here against the link: after USERNAME_TRIES_PER_LINK of them the link is void and says so.
import type { Db } from "@/db/client";
import { countLinkAuditEvents, lockAccountToken, revokeAccountToken, usernameInUse } from "@/db/queries/username-tries";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { TOO_MANY_USERNAMES } from "@/lib/tokens/inspect-account-link";

export const USERNAME_TRIES_PER_LINK = 10;
const EVENT = "account.username_taken";

/** True (and counted) when `username` belongs to an account already; false when it is free. */
export async function refuseTakenUsername(
  db: Db,
  opts: { linkId: string; patientId: string; username: string; now: Date },
): Promise<boolean> {
  if (!(await usernameInUse(db, opts.username))) return false;
  await db.transaction(async (tx) => {
    await lockAccountToken(tx, opts.linkId);
    await recordAuditEvent(tx, {
      event: EVENT,
      actorType: "anonymous",
      patientId: opts.patientId,
      details: { link: opts.linkId },
    });
    const tries = await countLinkAuditEvents(tx, { patientId: opts.patientId, linkId: opts.linkId, event: EVENT });
    if (tries >= USERNAME_TRIES_PER_LINK) {
      await revokeAccountToken(tx, { linkId: opts.linkId, reason: TOO_MANY_USERNAMES, now: opts.now });
    }
  });
  return true;
}
