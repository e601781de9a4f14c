// The email outbox: rows written in the caller's transaction (queued, or held by the per-recipient cap), what the
// cap counts, and the worker's claims and recorded answers.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { insertJsonRows, jsonArray } from "../json-input";
import { queryRows } from "../rows";

/**
 * Locks each mailbox for the rest of the transaction, in sorted order so two batches cannot deadlock: two
 * workers cannot both slip under the cap.
 */
export async function lockMailboxes(tx: Tx, mailboxes: readonly string[]): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('outbox:' || r.value))
    from (select value from json_array_elements_text(${JSON.stringify(mailboxes)}::json) order by value) r`);
}

/**
 * Emails each mailbox got in the hour and the day before `now`, held ones and `exceptTemplates` left out; a
 * mailbox that got none is not in the answer.
 */
export async function countMailboxEmails(
  tx: Tx,
  opts: { mailboxes: readonly string[]; exceptTemplates: readonly string[]; now: Date },
): Promise<{ mailbox: string; hour: number; day: number }[]> {
  const counts = await queryRows<{ recipient: string; hour: number; day: number }>(
    tx,
    sql`select email_mailbox(recipient) as recipient,
               count(*) filter (where created_at > ${new Date(opts.now.getTime() - 3_600_000).toISOString()}::timestamptz)::int as hour,
               count(*)::int as day
        from email_outbox
        where email_mailbox(recipient) = any(${jsonArray(opts.mailboxes)}) and status <> 'held'
          and template not in (${sql.join(
            opts.exceptTemplates.map((n) => sql`${n}`),
            sql`, `,
          )})
          and created_at > ${new Date(opts.now.getTime() - 86_400_000).toISOString()}::timestamptz
        group by 1`,
  );
  return counts.map((c) => ({ mailbox: c.recipient, hour: Number(c.hour), day: Number(c.day) }));
}

export type HeldEmailRow = {
  recipient: string;
  template: string;
  patientId: string | null;
  bulkInvitationId: string | null;
  idempotencyKey: string;
  lastError: string;
  createdAt: Date;
};

/** Emails not sent because of the cap, kept so staff can see them. */
export async function insertHeldEmails(tx: Tx, rows: readonly HeldEmailRow[]): Promise<void> {
  await insertJsonRows(
    tx,
    "email_outbox",
    "recipient text, template text, patient_id uuid, bulk_invitation_id uuid, status outbox_status, idempotency_key text, last_error text, created_at timestamptz",
    rows.map((h) => ({
      recipient: h.recipient,
      template: h.template,
      patient_id: h.patientId,
      bulk_invitation_id: h.bulkInvitationId,
      status: "held",
      idempotency_key: h.idempotencyKey,
      last_error: h.lastError,
      created_at: h.createdAt.toISOString(),
    })),
  );
}

export type QueuedEmailRow = {
  id: string;
  recipient: string;
  template: string;
  sealedSecret: string;
  patientId: string | null;
  bulkInvitationId: string | null;
  idempotencyKey: string;
  createdAt: Date;
};

/** Emails for the worker to send, due at once. */
export async function insertQueuedEmails(tx: Tx, rows: readonly QueuedEmailRow[]): Promise<void> {
  await insertJsonRows(
    tx,
    "email_outbox",
    "id uuid, recipient text, template text, sealed_secret text, patient_id uuid, bulk_invitation_id uuid, idempotency_key text, created_at timestamptz, next_attempt_at timestamptz",
    rows.map((e) => ({
      id: e.id,
      recipient: e.recipient,
      template: e.template,
      sealed_secret: e.sealedSecret,
      patient_id: e.patientId,
      bulk_invitation_id: e.bulkInvitationId,
      idempotency_key: e.idempotencyKey,
      created_at: e.createdAt.toISOString(),
      next_attempt_at: e.createdAt.toISOString(),
    })),
  );
}

export type ClaimedEmail = {
  id: string;
  recipient: string;
  template: string;
  sealed_secret: string | null;
  idempotency_key: string;
  attempts: number;
  patient_id: string | null;
  batch_key: string | null;
};

const RETURNING = sql`returning id, recipient, template, sealed_secret, idempotency_key, attempts, patient_id, batch_key`;

/**
 * Claims until `until` up to `limit` rows left in "sending" by a worker that died (their claim ran out before
 * `at`), a batch's rows side by side so a claim takes the whole batch. Reads email_outbox_due_idx in its order.
 */
export async function claimStaleEmails(
  db: Db,
  opts: { at: Date; until: Date; limit: number },
): Promise<ClaimedEmail[]> {
  return queryRows<ClaimedEmail>(
    db,
    sql`update email_outbox set attempts = attempts + 1, claimed_until = ${opts.until.toISOString()}::timestamptz
        where id in (select id from email_outbox where status = 'sending' and claimed_until < ${opts.at.toISOString()}::timestamptz
                     order by batch_key, id limit ${opts.limit} for update skip locked)
        ${RETURNING}`,
  );
}

/** Claims until `until` up to `limit` queued rows due at `at`, oldest first (email_outbox_due_idx's order). */
export async function claimDueEmails(db: Db, opts: { at: Date; until: Date; limit: number }): Promise<ClaimedEmail[]> {
  return queryRows<ClaimedEmail>(
    db,
    sql`update email_outbox set status = 'sending', attempts = attempts + 1, claimed_until = ${opts.until.toISOString()}::timestamptz
        where id in (select id from email_outbox where status = 'queued' and next_attempt_at <= ${opts.at.toISOString()}::timestamptz
                     order by next_attempt_at limit ${opts.limit} for update skip locked)
        ${RETURNING}`,
  );
}

/** Saves the key a group of rows is sent under as one provider batch, before the call. */
export async function setBatchKey(db: Db, opts: { ids: readonly string[]; key: string }): Promise<void> {
  await db.execute(sql`update email_outbox set batch_key = ${opts.key}
    where id in (${sql.join(
      opts.ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
}

// Values per row come as one JSON object keyed by id, and rows are found by `id = any(…)`, so each update is an
// index lookup per row whatever the table's statistics say.
const byId = (values: ReadonlyMap<string, string>) => JSON.stringify(Object.fromEntries(values));
const ids = (values: ReadonlyMap<string, string>) => jsonArray([...values.keys()], "uuid");

/**
 * Marks rows sent, each with its provider message id (keyed by row id). The sealed message is wiped unless
 * `keepSealed` (the development mailbox shows it).
 */
export async function markEmailsSent(
  tx: Tx,
  opts: { providerIds: ReadonlyMap<string, string>; at: Date; keepSealed: boolean },
): Promise<void> {
  await tx.execute(sql`update email_outbox o set status = 'sent', sent_at = ${opts.at.toISOString()}::timestamptz,
      provider_message_id = ${byId(opts.providerIds)}::jsonb ->> o.id::text, last_error = null, claimed_until = null,
      sealed_secret = ${opts.keepSealed ? sql`o.sealed_secret` : sql`null`}
    where o.id = any(${ids(opts.providerIds)})`);
}

/** Marks rows failed for good, each with its error (keyed by row id). */
export async function markEmailsFailed(tx: Tx, errors: ReadonlyMap<string, string>): Promise<void> {
  await tx.execute(sql`update email_outbox o set status = 'failed', last_error = ${byId(errors)}::jsonb ->> o.id::text,
      claimed_until = null, sealed_secret = null, batch_key = null
    where o.id = any(${ids(errors)})`);
}

/** Queues rows again, each with its error and next try (keyed by row id); the next try may group them afresh. */
export async function requeueEmails(
  tx: Tx,
  opts: { errors: ReadonlyMap<string, string>; nextAttempts: ReadonlyMap<string, Date> },
): Promise<void> {
  const next = new Map([...opts.nextAttempts].map(([id, at]) => [id, at.toISOString()]));
  await tx.execute(sql`update email_outbox o set status = 'queued', last_error = ${byId(opts.errors)}::jsonb ->> o.id::text,
      claimed_until = null, batch_key = null, next_attempt_at = (${byId(next)}::jsonb ->> o.id::text)::timestamptz
    where o.id = any(${ids(opts.errors)})`);
}
