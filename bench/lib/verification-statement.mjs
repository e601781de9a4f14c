// The statement our verification request runs (db/queries/verification-attempts.ts#recordVerificationAttempt with
// db/queries/rate-limit-counters.ts#rateLimitHitCte), written out for the bare baseline server and the floor app's
// "sql" mode so they do exactly our database work without our code: count the address's hit in this window,
// weigh in the overlapping part of the previous one, and record the request by that decision, in one statement.
export async function recordVerificationRequest(sql, { ipHash, emailHmac, sealed, now, windowMs, limit }) {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const key = `verify-ip:${ipHash}`;
  const current = new Date(start).toISOString();
  const previous = new Date(start - windowMs).toISOString();
  const weight = 1 - (now.getTime() - start) / windowMs;
  const at = now.toISOString();
  const [row] = await sql`with hit as (
      insert into rate_limit_counters (key, window_start, count) values (${key}, ${current}::timestamptz, 1)
      on conflict (key, window_start) do update set count = rate_limit_counters.count + 1
      returning count),
    limit_hit as (
      select hit.count, (hit.count + ceil(coalesce((select count from rate_limit_counters
          where key = ${key} and window_start = ${previous}::timestamptz), 0) * ${weight}::float8)) <= ${limit}::int as allowed
      from hit),
    recorded as (
      insert into verification_attempts
        (flow, ip_hash, email_hmac, created_at, sealed_input, processed_at, outcome, limit_window)
      select 'register', ${ipHash}, ${emailHmac}, ${at}::timestamptz,
        case when allowed then ${sealed} end,
        case when not allowed then ${at}::timestamptz end,
        case when not allowed then 'rate_limited' end,
        case when not allowed then ${current}::timestamptz end
      from limit_hit
      on conflict (ip_hash, limit_window) where limit_window is not null
      do update set repeats = verification_attempts.repeats + 1, processed_at = excluded.processed_at)
    select allowed from limit_hit`;
  return row.allowed;
}
