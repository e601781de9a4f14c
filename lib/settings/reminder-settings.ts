// Automatic invitation reminders: off unless a practice turns them on.
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { practiceSettings } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { reminderSettingsSchema } from "@/lib/validation/reminder-settings";

export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export const DEFAULT_REMINDERS: ReminderSettings = { enabled: false, afterDays: 7, maxReminders: 2 };
const KEY = "invitation_reminders";

export async function getReminderSettings(db: Pick<Db, "select">): Promise<ReminderSettings> {
  const [row] = await db
    .select({ value: practiceSettings.value })
    .from(practiceSettings)
    .where(eq(practiceSettings.key, KEY));
  const parsed = reminderSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_REMINDERS;
}

export async function saveReminderSettings(db: Db, opts: { settings: ReminderSettings; staffId: string; now: Date }) {
  await db.transaction(async (tx) => {
    await tx
      .insert(practiceSettings)
      .values({ key: KEY, value: opts.settings, updatedByStaffId: opts.staffId, updatedAt: opts.now })
      .onConflictDoUpdate({
        target: practiceSettings.key,
        set: { value: opts.settings, updatedByStaffId: opts.staffId, updatedAt: opts.now },
      });
    await recordAuditEvent(tx, {
      event: "settings.reminders_changed",
      actorType: "staff",
      actorStaffId: opts.staffId,
      details: { ...opts.settings },
    });
  });
}
