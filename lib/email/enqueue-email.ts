// The one way to send an email: a row in the outbox, written in the caller's transaction (so a token and its
// email commit together), capped per recipient so our forms cannot flood anyone's inbox (SECURITY.md V5).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { emailOutbox } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { seal } from "@/lib/crypto/seal";
import { emailHmac, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/db/client";
import type { EmailMessage } from "./render-email";

export const RECIPIENT_CAP = { perHour: 3, perDay: 6 } as const;

export type EnqueueResult = { queued: true; id: string } | { queued: false; reason: "recipient_cap" };

/** Security notices are never held back, and do not use up the allowance either. */
const NOTICES = ["password_changed", "email_changed_notice"];

/**
 * Whether `to` may get another email now. Takes a lock per recipient for the rest of the transaction, so two
 * workers cannot both slip under the cap. Call it before issuing a link, so a held email never voids the
 * links the patient already has.
 */
export async function recipientHasRoom(tx: Tx, to: string, now: Date): Promise<boolean> {
  const recipient = to.trim().toLowerCase();
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"outbox:" + recipient}))`);
  const [counts] = await queryRows<{ hour: number; day: number }>(
    tx,
    sql`select count(*) filter (where created_at > ${new Date(now.getTime() - 3_600_000).toISOString()}::timestamptz)::int as hour,
               count(*)::int as day
        from email_outbox
        where lower(recipient) = ${recipient} and status <> 'held'
          and template not in (${sql.join(NOTICES.map((n) => sql`${n}`), sql`, `)})
          and created_at > ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`,
  );
  return counts.hour < RECIPIENT_CAP.perHour && counts.day < RECIPIENT_CAP.perDay;
}

/** Records an email we did not send because of the cap: staff see it, the audit trail notes it. */
export async function holdEmail(tx: Tx, opts: { to: string; template: EmailMessage["template"]; patientId?: string | null; now: Date; bulkInvitationId?: string }) {
  const recipient = opts.to.trim().toLowerCase();
  await tx.insert(emailOutbox).values({
    recipient,
    template: opts.template,
    patientId: opts.patientId ?? null,
    bulkInvitationId: opts.bulkInvitationId ?? null,
    status: "held",
    idempotencyKey: randomUUID(),
    lastError: "Not sent: this address already got the most emails we send in an hour or a day",
    createdAt: opts.now,
  });
  await recordAuditEvent(tx, {
    event: "email.held_recipient_cap",
    actorType: "system",
    patientId: opts.patientId ?? null,
    details: { template: opts.template, to: emailHmac(recipient) },
  });
}

export async function enqueueEmail(
  tx: Tx,
  opts: { to: string; message: EmailMessage; patientId?: string | null; now: Date; bypassCap?: boolean; bulkInvitationId?: string },
): Promise<EnqueueResult> {
  const recipient = opts.to.trim().toLowerCase();
  if (!opts.bypassCap && !(await recipientHasRoom(tx, recipient, opts.now))) {
    await holdEmail(tx, { to: recipient, template: opts.message.template, patientId: opts.patientId, now: opts.now, bulkInvitationId: opts.bulkInvitationId });
    return { queued: false, reason: "recipient_cap" };
  }
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      recipient,
      template: opts.message.template,
      data: {},
      // The whole message is sealed: links carry tokens, and usernames are nobody's business in a dump.
      sealedSecret: seal(opts.message),
      patientId: opts.patientId ?? null,
      bulkInvitationId: opts.bulkInvitationId ?? null,
      idempotencyKey: randomUUID(),
      createdAt: opts.now,
      nextAttemptAt: opts.now,
    })
    .returning({ id: emailOutbox.id });
  await recordAuditEvent(tx, {
    event: "email.queued",
    actorType: "system",
    patientId: opts.patientId ?? null,
    details: { template: opts.message.template, outboxId: row.id },
  });
  return { queued: true, id: row.id };
}
