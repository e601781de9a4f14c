// The one way to send an email: a row in the outbox, written in the caller's transaction (so a token and its
// email commit together), capped per recipient mailbox so our forms cannot flood anyone's inbox
// (docs/security.md V5): victim+1@, victim+2@ … count as victim@ (lib/email/canonical-mailbox.ts).
// Each step has a batch form (bulk invitations queue thousands at once) that the single forms wrap.
import { randomUUID } from "node:crypto";
import { countMailboxEmails, insertHeldEmails, insertQueuedEmails, lockMailboxes } from "@/db/queries/email-outbox";
import { seal } from "@/lib/crypto/seal";
import { emailHmac, recordAuditEvents } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/db/client";
import { canonicalMailbox } from "./canonical-mailbox";
import type { EmailMessage } from "./render-email";

export const RECIPIENT_CAP = { perHour: 3, perDay: 6 } as const;

export type EnqueueResult = { queued: true; id: string } | { queued: false; reason: "recipient_cap" };

/**
 * Notices of what the patient just did themselves (set or changed their password) are never held back and do
 * not use up the allowance. A notice staff or an import can set off (an email change, a held link) is capped
 * like any email, or saving an address back and forth would mail it without limit (docs/security.md V5).
 */
const NOTICES = ["password_changed", "account_created"];

const normalize = (to: string) => to.trim().toLowerCase();

/** What is left of the cap for some recipients: `take(to)` says whether one more email fits, and counts it. */
export type RecipientAllowance = { take(to: string): boolean };

/**
 * Counts by mailbox, not by address as written: "+tags" and Gmail's dots reach one inbox.
 * Locks each recipient for the rest of the transaction (in sorted order, so two batches cannot deadlock) and
 * reads what they already got, so two workers cannot both slip under the cap. Emails counted with `take`
 * within one batch count too: a family sharing one address gets no more than the cap from a bulk run.
 * Call it before issuing links, so a held email never voids the links the patient already has.
 */
export async function recipientAllowance(
  tx: Tx,
  recipients: readonly string[],
  now: Date,
): Promise<RecipientAllowance> {
  const list = [...new Set(recipients.map(canonicalMailbox))].sort();
  const used = new Map(list.map((r) => [r, { hour: 0, day: 0 }]));
  if (list.length) {
    await lockMailboxes(tx, list);
    const counts = await countMailboxEmails(tx, { mailboxes: list, exceptTemplates: NOTICES, now });
    for (const c of counts) used.set(c.mailbox, { hour: c.hour, day: c.day });
  }
  return {
    take(to) {
      const u = used.get(canonicalMailbox(to));
      if (!u) throw new Error("recipientAllowance: this recipient was not locked");
      if (u.hour >= RECIPIENT_CAP.perHour || u.day >= RECIPIENT_CAP.perDay) return false;
      u.hour++;
      u.day++;
      return true;
    },
  };
}

/** Whether `to` may get another email now (and locks the recipient; see recipientAllowance). */
export async function recipientHasRoom(tx: Tx, to: string, now: Date): Promise<boolean> {
  return (await recipientAllowance(tx, [to], now)).take(to);
}

type Hold = {
  to: string;
  template: EmailMessage["template"];
  patientId?: string | null;
  now: Date;
  bulkInvitationId?: string;
};

/** Records emails we did not send because of the cap: staff see them, the audit trail notes them. */
export async function holdEmails(tx: Tx, holds: readonly Hold[]) {
  if (!holds.length) return;
  await insertHeldEmails(
    tx,
    holds.map((h) => ({
      recipient: normalize(h.to),
      template: h.template,
      patientId: h.patientId ?? null,
      bulkInvitationId: h.bulkInvitationId ?? null,
      idempotencyKey: randomUUID(),
      lastError: "Not sent: this address already got the most emails we send in an hour or a day",
      createdAt: h.now,
    })),
  );
  await recordAuditEvents(
    tx,
    holds.map((h) => ({
      event: "email.held_recipient_cap",
      actorType: "system",
      patientId: h.patientId ?? null,
      details: { template: h.template, to: emailHmac(normalize(h.to)) },
    })),
  );
}

export async function holdEmail(tx: Tx, opts: Hold) {
  await holdEmails(tx, [opts]);
}

export type EmailToQueue = {
  to: string;
  message: EmailMessage;
  patientId?: string | null;
  now: Date;
  bypassCap?: boolean;
  bulkInvitationId?: string;
};

/**
 * Queues many emails in a few statements, holding those over the cap. `capChecked`: the caller already took
 * each one from a recipientAllowance (to decide something before queueing), so they are not counted again.
 */
export async function enqueueEmails(
  tx: Tx,
  emails: readonly EmailToQueue[],
  opts: { capChecked?: boolean } = {},
): Promise<EnqueueResult[]> {
  const capped = opts.capChecked ? [] : emails.filter((e) => !e.bypassCap);
  const allowance = capped.length
    ? await recipientAllowance(
        tx,
        capped.map((e) => e.to),
        capped[0].now,
      )
    : null;
  const fits = emails.map((e) => opts.capChecked || e.bypassCap || allowance!.take(e.to));
  await holdEmails(
    tx,
    emails
      .filter((_, i) => !fits[i])
      .map((e) => ({
        to: e.to,
        template: e.message.template,
        patientId: e.patientId,
        now: e.now,
        bulkInvitationId: e.bulkInvitationId,
      })),
  );
  const sending = emails.filter((_, i) => fits[i]);
  const rows = sending.map(() => ({ id: randomUUID() }));
  await insertQueuedEmails(
    tx,
    sending.map((e, i) => ({
      id: rows[i].id,
      recipient: normalize(e.to),
      template: e.message.template,
      // The whole message is sealed: links carry tokens, and usernames are nobody's business in a dump.
      sealedSecret: seal(e.message),
      patientId: e.patientId ?? null,
      bulkInvitationId: e.bulkInvitationId ?? null,
      idempotencyKey: randomUUID(),
      createdAt: e.now,
    })),
  );
  await recordAuditEvents(
    tx,
    sending.map((e, i) => ({
      event: "email.queued",
      actorType: "system",
      patientId: e.patientId ?? null,
      details: { template: e.message.template, outboxId: rows[i].id },
    })),
  );
  let next = 0;
  return fits.map((fit) => (fit ? { queued: true, id: rows[next++].id } : { queued: false, reason: "recipient_cap" }));
}

export async function enqueueEmail(tx: Tx, opts: EmailToQueue): Promise<EnqueueResult> {
  const [result] = await enqueueEmails(tx, [opts]);
  return result;
}
