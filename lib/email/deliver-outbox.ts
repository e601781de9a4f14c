// The outbox worker's one pass: claim due rows (SKIP LOCKED, so several workers can run), render, send with
// the row's idempotency key, and record the result. 429 and 5xx are retried with backoff honouring Retry-After;
// with a pacer, every worker keeps to the provider's request rate.
import type { Db } from "@/db/client";
import {
  claimDueEmails,
  claimStaleEmails,
  markEmailsFailed,
  markEmailsSent,
  requeueEmails,
  setBatchKey,
  type ClaimedEmail,
} from "@/db/queries/email-outbox";
import { unseal } from "@/lib/crypto/seal";
import { getConfig } from "@/lib/config";
import { recordAuditEvents } from "@/lib/audit/record-audit-event";
import { renderEmail, type EmailMessage } from "./render-email";
import { BATCH_LIMIT, type BatchResult, type EmailTransport, type OutgoingEmail, type SendResult } from "./transport";
import type { SendPacer } from "./send-pacer";
import { createHash } from "node:crypto";

export const MAX_ATTEMPTS = 5;
const CLAIM_SECONDS = 60;

/**
 * Exponential backoff: 2 s, 4 s, 8 s … capped at 10 minutes, never sooner than the provider asked. A 429 that
 * says when to come back is flow control, not a fault: the row goes again exactly then, so a busy provider
 * slows a large run down without stalling it for the backoff on top.
 */
export function retryDelayMs(attempt: number, retryAfterMs?: number, rateLimited = false): number {
  if (rateLimited && retryAfterMs) return retryAfterMs;
  const backoff = Math.min(2 ** attempt * 1000, 600_000);
  return Math.max(backoff, retryAfterMs ?? 0);
}

type Ready = { row: Claimed; email: OutgoingEmail };

/**
 * Rows already sent once as a batch (a worker died before recording the answer) go again as that same batch
 * under the same key; new rows are grouped up to BATCH_LIMIT and their key is saved before the call.
 */
async function groupForSending(
  db: Db,
  ready: Ready[],
  canBatch: boolean,
): Promise<{ key: string | null; items: Ready[] }[]> {
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
    const key = createHash("sha256")
      .update(items.map((c) => c.row.idempotency_key).join(","))
      .digest("hex");
    await setBatchKey(db, { ids: items.map((c) => c.row.id), key });
    out.push({ key, items });
  }
  return out;
}

type Claimed = ClaimedEmail;

/**
 * Claims up to `limit` rows. First rows left in "sending" by a worker that died (claimed again once their
 * claim ran out), a batch's rows side by side so a claim takes the whole batch; then due rows, oldest first.
 * Both read email_outbox_due_idx (status, next_attempt_at) in its order: no sort of every waiting row.
 */
async function claim(db: Db, claimedAt: Date, limit: number): Promise<Claimed[]> {
  const until = new Date(claimedAt.getTime() + CLAIM_SECONDS * 1000);
  const stale = await claimStaleEmails(db, { at: claimedAt, until, limit });
  if (stale.length) return stale;
  return claimDueEmails(db, { at: claimedAt, until, limit });
}

export async function deliverOutbox(
  db: Db,
  opts: { transport: EmailTransport; now?: () => Date; batchSize?: number; pacer?: SendPacer },
): Promise<number> {
  const now = opts.now ?? (() => new Date());
  // Claim enough for a full provider batch when the transport can send one.
  const rows = await claim(db, now(), opts.batchSize ?? (opts.transport.sendBatch ? BATCH_LIMIT : 20));
  const config = getConfig();
  const practice = { name: config.PRACTICE_NAME, phone: config.PRACTICE_PHONE, address: config.PRACTICE_ADDRESS };
  // Render first: a row that cannot be rendered fails alone instead of sinking a whole batch.
  const ready: Ready[] = [];
  const unprepared: Outcome[] = [];
  for (const row of rows) {
    try {
      if (!row.sealed_secret) throw new Error("message content is missing");
      const content = await renderEmail(unseal<EmailMessage>(row.sealed_secret), practice);
      ready.push({
        row,
        email: { to: row.recipient, from: config.EMAIL_FROM, ...content, idempotencyKey: row.idempotency_key },
      });
    } catch (e) {
      unprepared.push({
        row,
        result: {
          ok: false,
          retryable: false,
          error: `could not prepare: ${e instanceof Error ? e.message : String(e)}`,
        },
      });
    }
  }
  await recordResults(db, unprepared, now(), opts.transport.name);
  for (const group of await groupForSending(db, ready, !!opts.transport.sendBatch)) {
    const key = group.key;
    const result = await paced<SendResult | BatchResult>(opts.pacer, () =>
      key === null
        ? opts.transport.send(group.items[0].email)
        : opts.transport.sendBatch!(
            group.items.map((c) => c.email),
            key,
          ),
    );
    const at = now();
    await recordResults(
      db,
      group.items.map((c, j) => ({
        row: c.row,
        result: !result.ok
          ? result
          : {
              ok: true,
              providerMessageId:
                "providerMessageIds" in result ? result.providerMessageIds[j] : result.providerMessageId,
            },
      })),
      at,
      opts.transport.name,
    );
  }
  return rows.length;
}

/** One provider call within the provider's rate, when a pacer keeps it. */
async function paced<T extends SendResult | BatchResult>(
  pacer: SendPacer | undefined,
  call: () => Promise<T>,
): Promise<T> {
  if (!pacer) return call();
  const slot = await pacer.acquire();
  let result: T | undefined;
  try {
    result = await call();
    return result;
  } finally {
    await slot.release({
      retryAfterMs: result && !result.ok && result.rateLimited ? (result.retryAfterMs ?? 0) : undefined,
    });
  }
}

type Outcome = { row: Claimed; result: SendResult };

/** Records a whole group's answers in one transaction: a few statements, not a few per email. */
async function recordResults(db: Db, outcomes: Outcome[], at: Date, transport: EmailTransport["name"]) {
  if (!outcomes.length) return;
  const sent = outcomes.filter((o) => o.result.ok);
  const failed = outcomes.flatMap((o) => (o.result.ok ? [] : [{ row: o.row, result: o.result }]));
  const final = failed.filter((f) => !f.result.retryable || f.row.attempts >= MAX_ATTEMPTS);
  const retry = failed.filter((f) => !final.includes(f));
  await db.transaction(async (tx) => {
    const byId = <T>(items: { row: Claimed }[], value: (i: number) => T) =>
      new Map(items.map((x, i) => [x.row.id, value(i)]));
    if (sent.length) {
      // The sealed link is wiped once delivered; the development mailbox keeps it to show the message.
      await markEmailsSent(tx, {
        providerIds: byId(sent, (i) => (sent[i].result as Extract<SendResult, { ok: true }>).providerMessageId),
        at,
        keepSealed: transport === "mailbox",
      });
    }
    if (final.length)
      await markEmailsFailed(
        tx,
        byId(final, (i) => final[i].result.error),
      );
    if (retry.length) {
      // The provider answered "no": nothing was delivered, so the next try may group the row afresh.
      await requeueEmails(tx, {
        errors: byId(retry, (i) => retry[i].result.error),
        nextAttempts: byId(
          retry,
          (i) =>
            new Date(
              at.getTime() +
                retryDelayMs(retry[i].row.attempts, retry[i].result.retryAfterMs, retry[i].result.rateLimited),
            ),
        ),
      });
    }
    await recordAuditEvents(tx, [
      ...sent.map((o) => ({
        event: "email.sent",
        actorType: "system" as const,
        patientId: o.row.patient_id,
        details: { template: o.row.template, outboxId: o.row.id },
      })),
      ...final.map((f) => ({
        event: "email.failed",
        actorType: "system" as const,
        patientId: f.row.patient_id,
        details: { template: f.row.template, outboxId: f.row.id, error: f.result.error.slice(0, 200) },
      })),
    ]);
  });
}
