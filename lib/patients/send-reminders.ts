// Re-invites Unactivated patients whose last invitation is N days old, at most M times, when the practice has
// turned reminders on. One instance at a time runs it (an advisory lock), so no patient gets two.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { FROM_PATIENTS_WITH_ACCOUNT, STATUS_SQL } from "@/db/queries/portal-status-sql";
import { getReminderSettings } from "@/lib/settings/reminder-settings";
import { sendPortalInvitation } from "./send-portal-invitation";

const REMINDER_LOCK = 727_274_002;
const PER_RUN = 500;

export async function sendReminders(db: Db, now: Date): Promise<number> {
  const settings = await getReminderSettings(db);
  if (!settings.enabled) return 0;
  return db.transaction(async (tx) => {
    const [{ locked }] = await queryRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${REMINDER_LOCK}) as locked`,
    );
    if (!locked) return 0;
    const due = new Date(now.getTime() - settings.afterDays * 86_400_000).toISOString();
    const candidates = await queryRows<{ id: string }>(
      tx,
      sql`select p.id from ${FROM_PATIENTS_WITH_ACCOUNT}
          where ${STATUS_SQL} = 'unactivated' and a.id is null
            and (select max(t.created_at) from account_tokens t where t.patient_id = p.id and t.purpose = 'setup') <= ${due}::timestamptz
            and (select count(*) from account_tokens t where t.patient_id = p.id and t.issued_via = 'reminder') < ${settings.maxReminders}
          order by p.id limit ${PER_RUN}`,
    );
    let sent = 0;
    for (const c of candidates) {
      const r = await sendPortalInvitation(tx, { patientId: c.id, staffId: null, via: "reminder", now });
      if (r.ok && r.queued) sent++;
    }
    return sent;
  });
}
