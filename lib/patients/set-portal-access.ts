// "Patient Can Access Portal". Switching it off ends the patient's sessions and voids their links at once;
// switching it on sends nothing by itself.
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { patients, portalAccounts } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { revokeAccountLinks } from "@/lib/tokens/issue-account-link";

export async function setPortalAccess(
  db: Db,
  opts: { patientId: string; enabled: boolean; staffId: string; now: Date },
): Promise<{ ok: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(patients)
      .set({ portalAccessEnabled: opts.enabled, version: sql`${patients.version} + 1`, updatedAt: opts.now })
      .where(eq(patients.id, opts.patientId))
      .returning({ id: patients.id });
    if (!row) return { ok: false };
    if (!opts.enabled) {
      await tx
        .update(portalAccounts)
        .set({ sessionVersion: sql`${portalAccounts.sessionVersion} + 1` })
        .where(eq(portalAccounts.patientId, opts.patientId));
      await revokeAccountLinks(tx, { patientId: opts.patientId, reason: "access_off", now: opts.now });
    }
    await recordAuditEvent(tx, {
      event: opts.enabled ? "patient.portal_access_on" : "patient.portal_access_off",
      actorType: "staff",
      actorStaffId: opts.staffId,
      patientId: opts.patientId,
    });
    return { ok: true };
  });
}
