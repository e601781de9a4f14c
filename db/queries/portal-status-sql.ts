// Portal status in SQL, for lists, filters and counts. Mirrors lib/patients/portal-status.ts exactly: the status
// is patients.portal_status, kept by triggers (db/migrations/0005: patient_portal_status()) so that filters and
// counts use an index; db/queries/portal-status-sql.test.ts checks every combination and
// portal-status-maintained.test.ts every kind of change. Expects aliases: p = patients, a = portal_accounts
// (left joined), l = the newest setup link (left joined lateral, see LATEST_SETUP_LINK).
import { sql, type SQL } from "drizzle-orm";

const blank = (column: string) => `btrim(coalesce(${column}, ''), E' \\t\\n\\r\\f\\v') = ''`;

const ACCOUNT_JOIN_TEXT = `left join portal_accounts a on a.patient_id = p.id`;
export const ACCOUNT_JOIN = sql.raw(ACCOUNT_JOIN_TEXT);
export const FROM_PATIENTS_WITH_ACCOUNT = sql.raw(`patients p ${ACCOUNT_JOIN_TEXT}`);

export const LATEST_SETUP_LINK = sql.raw(`left join lateral (
    select t.created_at, t.expires_at, t.used_at, t.revoked_at from account_tokens t
    where t.patient_id = p.id and t.purpose = 'setup'
    order by t.created_at desc limit 1
  ) l on true`);

/** 'inactive' | 'unactivated' | 'active' (the enum portal_status); needs no join. */
export const STATUS_SQL = sql.raw(`p.portal_status`);

export const REASONS_SQL = sql.raw(`array_remove(array[
    case when not p.portal_access_enabled then 'access_disabled' end,
    case when ${blank("p.email")} then 'no_email' end,
    case when ${blank("p.zip")} then 'no_zip' end,
    case when p.chart_status = 'inactive' then 'chart_inactive' end,
    case when p.chart_status = 'deceased' then 'chart_deceased' end
  ]::text[], null)`);

/** Only meaningful for unactivated patients; needs LATEST_SETUP_LINK joined. */
export function invitationStateSql(now: Date): SQL<string> {
  return sql`(case
    when a.id is not null then 'account_created'
    when l.created_at is null then 'not_invited'
    when l.used_at is null and l.revoked_at is null and l.expires_at > ${now.toISOString()}::timestamptz then 'invited'
    else 'invitation_expired' end)`;
}
