// Verification requests as the forms record them (typed details sealed by the caller); the worker claims each one,
// reads the charts it could name, and records the outcome.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { queryRows, toDate } from "../rows";
import { fixedStatement } from "../fixed-statement";
import { RATE_LIMIT_SLOTS, type RateLimitSlot, type RateLimitWindows, rateLimitHitCte } from "./rate-limit-counters";
import type { patients } from "../schema";

type AttemptSlot = "flow" | "ipHash" | "emailHmac" | "at" | "sealedInput";
const recordAttempt = fixedStatement<{ allowed: boolean }, RateLimitSlot | AttemptSlot>(
  [...RATE_LIMIT_SLOTS, "flow", "ipHash", "emailHmac", "at", "sealedInput"],
  (v) =>
    sql`with ${rateLimitHitCte(v)},
        recorded as (
          insert into verification_attempts
            (flow, ip_hash, email_hmac, created_at, sealed_input, processed_at, outcome, limit_window)
          select ${v.flow}, ${v.ipHash}, ${v.emailHmac}, ${v.at}::timestamptz,
            case when allowed then ${v.sealedInput} end,
            case when not allowed then ${v.at}::timestamptz end,
            case when not allowed then 'rate_limited' end,
            case when not allowed then ${v.current}::timestamptz end
          from limit_hit
          on conflict (ip_hash, limit_window) where limit_window is not null
          do update set repeats = verification_attempts.repeats + 1, processed_at = excluded.processed_at)
        select allowed from limit_hit`,
);

/**
 * One statement for every request, limited or not: it counts the address's hit (db/queries/rate-limit-counters.ts)
 * and records the request by the limiter's decision. Within the limit: a row of its own with the sealed details.
 * Over it: no details, and it adds to the one row of its address and limiter window instead of a row of its own,
 * so a flood cannot grow the table (docs/security.md L2). Returns whether it was within the limit.
 */
export async function recordVerificationAttempt(
  db: Pick<Db, "_">,
  opts: {
    limit: RateLimitWindows & { limit: number };
    flow: string;
    ipHash: string;
    emailHmac: string;
    createdAt: Date;
    sealedInput: string;
  },
): Promise<boolean> {
  const [row] = await recordAttempt(db, {
    ...opts.limit,
    flow: opts.flow,
    ipHash: opts.ipHash,
    emailHmac: opts.emailHmac,
    at: opts.createdAt.toISOString(),
    sealedInput: opts.sealedInput,
  });
  return row.allowed;
}

/** The oldest request not yet handled, locked for this transaction; one another worker holds is skipped. */
export async function claimNextVerification(tx: Tx) {
  const [attempt] = await queryRows<{ id: string; flow: string; sealed_input: string }>(
    tx,
    sql`select id, flow, sealed_input from verification_attempts
        where processed_at is null order by created_at limit 1 for update skip locked`,
  );
  return attempt ?? null;
}

export type VerificationCandidate = {
  id: string;
  email: string | null;
  last_name: string;
  date_of_birth: string;
  zip: string | null;
  portal_access_enabled: boolean;
  chart_status: (typeof patients.$inferSelect)["chartStatus"];
  username: string | null;
  email_changed_at: Date | null;
  email_before_change: string | null;
  preferred_language: string;
};

/** Every chart whose email, trimmed and lower-cased, is `email` (already so), with its account's username. */
export async function findVerificationCandidates(tx: Tx, email: string): Promise<VerificationCandidate[]> {
  const rows = await queryRows<Omit<VerificationCandidate, "email_changed_at"> & { email_changed_at: unknown }>(
    tx,
    sql`select p.id, p.email, p.last_name, p.date_of_birth::text as date_of_birth, p.zip,
               p.portal_access_enabled, p.chart_status, a.username, p.email_changed_at, p.email_before_change,
               p.preferred_language
        from patients p left join portal_accounts a on a.patient_id = p.id
        where lower(btrim(p.email)) = ${email}`,
  );
  return rows.map((r) => ({ ...r, email_changed_at: toDate(r.email_changed_at) }));
}

/** Records how a request was handled and wipes what was typed. */
export async function recordVerificationOutcome(
  tx: Tx,
  opts: {
    id: string;
    at: Date;
    outcome: string;
    matchedPatientId: string | null;
    emailPatientId: string | null;
    mismatchedFields: readonly string[];
  },
): Promise<void> {
  const mismatched = opts.mismatchedFields;
  await tx.execute(sql`update verification_attempts set processed_at = ${opts.at.toISOString()}::timestamptz,
      outcome = ${opts.outcome}, matched_patient_id = ${opts.matchedPatientId}, email_patient_id = ${opts.emailPatientId},
      mismatched_fields = ${
        mismatched.length
          ? sql`array[${sql.join(
              mismatched.map((f) => sql`${f}`),
              sql`, `,
            )}]::text[]`
          : sql`null`
      },
      sealed_input = null
    where id = ${opts.id}`);
}

/** Requests that named the patient's email but did not match, in the day before `at`. */
export async function countRecentNoMatches(tx: Tx, opts: { patientId: string; at: Date }): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from verification_attempts
        where email_patient_id = ${opts.patientId} and outcome = 'no_match'
          and created_at > ${new Date(opts.at.getTime() - 86_400_000).toISOString()}::timestamptz`,
  );
  return n;
}
