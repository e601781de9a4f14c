// An admin resets another staff member's second step (docs/security.md M1), for someone who lost their phone and
// their recovery codes. Never one's own: an admin who could reset their own would make a stolen admin password
// enough to take the account. removeSecondFactors removes every factor and recovery code, ends their sessions,
// audits the reset and emails them; at their next sign-in they set up a new second step before any staff page.
import type { Db } from "@/db/client";
import { removeSecondFactors } from "@/lib/second-factor/remove-second-factors";
import { staffRef } from "@/lib/second-factor/account-ref";
import { lockAdminAndTarget } from "./lock-admin-and-target";
import { refuse, StaffChangeAbort, type StaffChangeResult } from "./staff-change-result";

export async function resetStaffSecondStep(
  db: Db,
  opts: { actorStaffId: string; targetStaffId: string; now: Date },
): Promise<StaffChangeResult> {
  if (opts.actorStaffId === opts.targetStaffId) {
    return {
      ok: false,
      reason: "self",
      message:
        "You cannot reset your own second step. Use your recovery codes, or ask another admin to reset it for you.",
    };
  }
  try {
    return await db.transaction(async (tx) => {
      const lock = await lockAdminAndTarget(tx, opts);
      if (!lock.ok) throw new StaffChangeAbort(refuse(lock.reason));
      const removed = await removeSecondFactors(tx, {
        owner: staffRef(lock.target!.id),
        removedBy: { by: "staff", staffId: opts.actorStaffId },
        now: opts.now,
      });
      if (!removed.ok) throw new StaffChangeAbort(refuse("no_second_step"));
      return { ok: true as const };
    });
  } catch (e) {
    if (e instanceof StaffChangeAbort) return e.result;
    throw e;
  }
}
