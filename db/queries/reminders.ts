// Invitation reminders: the lock that lets one instance run them at a time, and the patients now due one.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { queryRows } from "../rows";

// Any fixed number shared by every instance.
const REMINDER_LOCK = 727_274_002;

/** Takes the reminder lock until the transaction ends; false when another instance holds it. */
export async function tryLockReminders(tx: Db | Tx): Promise<boolean> {
  const [{ locked }] = await queryRows<{ locked: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(${REMINDER_LOCK}) as locked`,
  );
  return locked;
}

/**
 * Unactivated patients with no account whose newest setup link was sent at or before `due`, and who have had
 * fewer than `maxReminders` reminders; at most `limit`, in id order.
 */
export async function findPatientsDueReminder(
  tx: Db | Tx,
  opts: { due: Date; maxReminders: number; limit: number },
): Promise<{ id: string }[]> {
  return queryRows<{ id: string }>(
    tx,
    sql`select p.id from patients p left join portal_accounts a on a.patient_id = p.id
        where p.portal_status = 'unactivated' and a.id is null
          and (select max(t.created_at) from account_tokens t where t.patient_id = p.id and t.purpose = 'setup') <= ${opts.due.toISOString()}::timestamptz
          and (select count(*) from account_tokens t where t.patient_id = p.id and t.issued_via = 'reminder') < ${opts.maxReminders}
        order by p.id limit ${opts.limit}`,
  );
}
