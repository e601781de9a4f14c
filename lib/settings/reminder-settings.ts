// Automatic invitation reminders: off unless a practice turns them on.
import type { z } from "zod";
import type { Db } from "@/db/client";
import { readPracticeSetting, writePracticeSetting } from "@/db/queries/practice-settings";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { reminderSettingsSchema } from "@/lib/validation/reminder-settings";

export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export const DEFAULT_REMINDERS: ReminderSettings = { enabled: false, afterDays: 7, maxReminders: 2 };
const KEY = "invitation_reminders";

export async function getReminderSettings(db: Pick<Db, "select">): Promise<ReminderSettings> {
  const parsed = reminderSettingsSchema.safeParse(await readPracticeSetting(db, KEY));
  return parsed.success ? parsed.data : DEFAULT_REMINDERS;
}

export async function saveReminderSettings(db: Db, opts: { settings: ReminderSettings; staffId: string; now: Date }) {
  await db.transaction(async (tx) => {
    await writePracticeSetting(tx, { key: KEY, value: opts.settings, staffId: opts.staffId, now: opts.now });
    await recordAuditEvent(tx, {
      event: "settings.reminders_changed",
      actorType: "staff",
      actorStaffId: opts.staffId,
      details: { ...opts.settings },
    });
  });
}
