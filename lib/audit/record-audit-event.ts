// The single way to write to the append-only audit trail, inside the caller's transaction.
import { createHmac } from "node:crypto";
import type { Db } from "@/db/client";
import { insertAuditEvent, insertAuditEvents, type AuditEvent } from "@/db/queries/audit";
import { getConfig } from "@/lib/config";

export type { AuditEvent };

export async function recordAuditEvent(db: Pick<Db, "insert">, e: AuditEvent) {
  await insertAuditEvent(db, e);
}

/** Many events in one statement, in the order given (bulk runs write one per patient). */
export async function recordAuditEvents(db: Pick<Db, "execute">, events: AuditEvent[]) {
  await insertAuditEvents(db, events);
}

/** Emails go into the audit trail only as a keyed hash: linkable across rows, unreadable on their own. */
export function emailHmac(email: string): string {
  return createHmac("sha256", getConfig().AUTH_SECRET).update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}
