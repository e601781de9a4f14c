// Re-invites Unactivated patients whose last invitation is N days old, at most M times, when the practice has
// turned reminders on. One instance at a time runs it (an advisory lock), so no patient gets two.
import type { Db } from "@/db/client";
import { findPatientsDueReminder, tryLockReminders } from "@/db/queries/reminders";
import { getReminderSettings } from "@/lib/settings/reminder-settings";
import { sendPortalInvitation } from "./send-portal-invitation";

const PER_RUN = 500;

export async function sendReminders(db: Db, now: Date): Promise<number> {
  const settings = await getReminderSettings(db);
  if (!settings.enabled) return 0;
  return db.transaction(async (tx) => {
    if (!(await tryLockReminders(tx))) return 0;
    const due = new Date(now.getTime() - settings.afterDays * 86_400_000);
    const candidates = await findPatientsDueReminder(tx, { due, maxReminders: settings.maxReminders, limit: PER_RUN });
    let sent = 0;
    for (const c of candidates) {
      const r = await sendPortalInvitation(tx, { patientId: c.id, staffId: null, via: "reminder", now });
      if (r.ok && r.queued) sent++;
    }
    return sent;
  });
}
