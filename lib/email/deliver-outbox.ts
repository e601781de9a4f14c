// The outbox worker's one pass: claim due rows (SKIP LOCKED, so several workers can run), render, send with
// the row's idempotency key, and record the result. 429 and 5xx are retried with backoff honouring Retry-After.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { unseal } from "@/lib/crypto/seal";
import { getConfig } from "@/lib/config";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { renderEmail, type EmailMessage } from "./render-email";
import { BATCH_LIMIT, type EmailTransport, type OutgoingEmail } from "./transport";
import { createHash } from "node:crypto";

export const MAX_ATTEMPTS = 5;
const CLAIM_SECONDS = 60;

/** Exponential backoff: 2 s, 4 s, 8 s … capped at 10 minutes, never sooner than the provider asked. */
export function retryDelayMs(attempt: number, retryAfterMs?: number): number {
  const backoff = Math.min(2 ** attempt * 1000, 600_000);
  return Math.max(backoff, retryAfterMs ?? 0);
}

type Ready = { row: Claimed; email: OutgoingEmail };

/**
 * Rows already sent once as a batch (a worker died before recording the answer) go again as that same batch
 * under the same key; new rows are grouped up to BATCH_LIMIT and their key is saved before the call.
 */
async function groupForSending(db: Db, ready: Ready[], canBatch: boolean): Promise<{ key: string | null; items: Ready[] }[]> {
  const groups = new Map<string, Ready[]>();
  const fresh: Ready[] = [];
  for (const r of ready) {
    if (r.row.batch_key) groups.set(r.row.batch_key, [...(groups.get(r.row.batch_key) ?? []), r]);
    else fresh.push(r);
  }
  // Always in idempotency-key order: a batch sent again must be the very same request.
  const byKey = (a: Ready, b: Ready) => (a.row.idempotency_key < b.row.idempotency_key ? -1 : 1);
  const out = [...groups].map(([key, items]) => ({ key: key as string | null, items: items.sort(byKey) }));
  fresh.sort(byKey);
  if (!canBatch || fresh.length === 1) return [...out, ...fresh.map((r) => ({ key: null, items: [r] }))];
  for (let i = 0; i < fresh.length; i += BATCH_LIMIT) {
    const items = fresh.slice(i, i + BATCH_LIMIT);
    const key = createHash("sha256").update(items.map((c) => c.row.idempotency_key).join(",")).digest("hex");
    await db.execute(sql`update email_outbox set batch_key = ${key}
      where id in (${sql.join(items.map((c) => sql`${c.row.id}::uuid`), sql`, `)})`);
    out.push({ key, items });
  }
  return out;
}

type Claimed = { id: string; recipient: string; template: string; sealed_secret: string | null; idempotency_key: string; attempts: number; patient_id: string | null; batch_key: string | null };

export async function deliverOutbox(db: Db, opts: { transport: EmailTransport; now?: () => Date; batchSize?: number }): Promise<number> {
  // Claim enough for a full provider batch when the transport can send one.
  const now = opts.now ?? (() => new Date());
  const claimedAt = now();
  // A row left in "sending" by a worker that died is claimed again once its claim runs out.
  const rows = await queryRows<Claimed>(
    db,
    sql`update email_outbox set status = 'sending', attempts = attempts + 1,
          claimed_until = ${new Date(claimedAt.getTime() + CLAIM_SECONDS * 1000).toISOString()}::timestamptz
        where id in (
          select id from email_outbox
          where (status = 'queued' and next_attempt_at <= ${claimedAt.toISOString()}::timestamptz)
             or (status = 'sending' and claimed_until < ${claimedAt.toISOString()}::timestamptz)
          -- Rows of an interrupted batch first and side by side, so a claim takes the whole batch.
          order by (batch_key is null), batch_key, next_attempt_at limit ${opts.batchSize ?? (opts.transport.sendBatch ? BATCH_LIMIT : 20)}
          for update skip locked)
        returning id, recipient, template, sealed_secret, idempotency_key, attempts, patient_id, batch_key`,
  );
  const config = getConfig();
  const practice = { name: config.PRACTICE_NAME, phone: config.PRACTICE_PHONE, address: config.PRACTICE_ADDRESS };
  // Render first: a row that cannot be rendered fails alone instead of sinking a whole batch.
  const ready: Ready[] = [];
  for (const row of rows) {
    try {
      if (!row.sealed_secret) throw new Error("message content is missing");
      const content = await renderEmail(unseal<EmailMessage>(row.sealed_secret), practice);
      ready.push({ row, email: { to: row.recipient, from: config.EMAIL_FROM, ...content, idempotencyKey: row.idempotency_key } });
    } catch (e) {
      await recordResult(db, row, { ok: false, retryable: false, error: `could not prepare: ${e instanceof Error ? e.message : String(e)}` }, now(), opts.transport.name);
    }
  }
  for (const group of await groupForSending(db, ready, !!opts.transport.sendBatch)) {
    if (group.key === null) {
      const c = group.items[0];
      await recordResult(db, c.row, await opts.transport.send(c.email), now(), opts.transport.name);
      continue;
    }
    const result = await opts.transport.sendBatch!(group.items.map((c) => c.email), group.key);
    const at = now();
    for (const [j, c] of group.items.entries()) {
      await recordResult(db, c.row, result.ok ? { ok: true, providerMessageId: result.providerMessageIds[j] } : result, at, opts.transport.name);
    }
  }
  return rows.length;
}

async function recordResult(
  db: Db,
  row: Claimed,
  result: Awaited<ReturnType<EmailTransport["send"]>>,
  at: Date,
  transport: EmailTransport["name"],
) {
  await db.transaction(async (tx) => {
    if (result.ok) {
      // The sealed link is wiped once delivered; the development mailbox keeps it to show the message.
      await tx.execute(sql`update email_outbox set status = 'sent', sent_at = ${at.toISOString()}::timestamptz,
          provider_message_id = ${result.providerMessageId}, last_error = null, claimed_until = null,
          sealed_secret = ${transport === "mailbox" ? sql`sealed_secret` : sql`null`}
        where id = ${row.id}`);
      await recordAuditEvent(tx, { event: "email.sent", actorType: "system", patientId: row.patient_id, details: { template: row.template, outboxId: row.id } });
      return;
    }
    const final = !result.retryable || row.attempts >= MAX_ATTEMPTS;
    if (final) {
      await tx.execute(sql`update email_outbox set status = 'failed', last_error = ${result.error}, claimed_until = null,
          sealed_secret = null, batch_key = null where id = ${row.id}`);
      await recordAuditEvent(tx, { event: "email.failed", actorType: "system", patientId: row.patient_id, details: { template: row.template, outboxId: row.id, error: result.error.slice(0, 200) } });
    } else {
      const next = new Date(at.getTime() + retryDelayMs(row.attempts, result.retryAfterMs));
      // The provider answered "no": nothing was delivered, so the next try may group the row afresh.
      await tx.execute(sql`update email_outbox set status = 'queued', last_error = ${result.error}, claimed_until = null,
          batch_key = null, next_attempt_at = ${next.toISOString()}::timestamptz where id = ${row.id}`);
    }
  });
}
