// "Trust this device for 30 days" (docs/security.md M8): only the SHA-256 of each device's token is kept.
import { and, eq, gt } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { trustedDevices } from "../schema";

export async function insertTrustedDevice(
  tx: Db | Tx,
  opts: { patientId: string; tokenHash: string; now: Date; expiresAt: Date },
): Promise<void> {
  await tx.insert(trustedDevices).values({
    patientId: opts.patientId,
    tokenHash: opts.tokenHash,
    createdAt: opts.now,
    expiresAt: opts.expiresAt,
  });
}

/** Notes the use of this patient's unexpired device with this token hash; false when there is none. */
export async function touchTrustedDevice(
  db: Db | Tx,
  opts: { patientId: string; tokenHash: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(trustedDevices)
    .set({ lastUsedAt: opts.now })
    .where(
      and(
        eq(trustedDevices.tokenHash, opts.tokenHash),
        eq(trustedDevices.patientId, opts.patientId),
        gt(trustedDevices.expiresAt, opts.now),
      ),
    )
    .returning({ id: trustedDevices.id });
  return rows.length > 0;
}

/** Forgets every device the patient trusted; how many there were. */
export async function deleteTrustedDevices(tx: Db | Tx, patientId: string): Promise<number> {
  const rows = await tx
    .delete(trustedDevices)
    .where(eq(trustedDevices.patientId, patientId))
    .returning({ id: trustedDevices.id });
  return rows.length;
}
