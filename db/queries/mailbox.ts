// The development mailbox: outbox rows, newest first.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { emailOutbox } from "../schema";

export async function listMailbox(db: Db, limit = 100) {
  return db
    .select({
      id: emailOutbox.id,
      recipient: emailOutbox.recipient,
      template: emailOutbox.template,
      status: emailOutbox.status,
      createdAt: emailOutbox.createdAt,
      lastError: emailOutbox.lastError,
    })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}

export async function getMailboxMessage(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db
    .select({ sealed: emailOutbox.sealedSecret, recipient: emailOutbox.recipient })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, id));
  return row ?? null;
}
