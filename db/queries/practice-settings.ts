// Practice-wide settings, one JSON value per key; the shapes and defaults are the callers' (lib/settings).
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { practiceSettings } from "../schema";

/** The stored value of a setting, or undefined when the practice never saved it. */
export async function readPracticeSetting(db: Pick<Db, "select">, key: string): Promise<unknown> {
  const [row] = await db
    .select({ value: practiceSettings.value })
    .from(practiceSettings)
    .where(eq(practiceSettings.key, key));
  return row?.value;
}

export async function writePracticeSetting(
  tx: Tx,
  opts: { key: string; value: unknown; staffId: string; now: Date },
): Promise<void> {
  await tx
    .insert(practiceSettings)
    .values({ key: opts.key, value: opts.value, updatedByStaffId: opts.staffId, updatedAt: opts.now })
    .onConflictDoUpdate({
      target: practiceSettings.key,
      set: { value: opts.value, updatedByStaffId: opts.staffId, updatedAt: opts.now },
    });
}
