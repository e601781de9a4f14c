// The single way to write to the append-only audit trail, inside the caller's transaction.
import { createHmac } from "node:crypto";
import { auditEvents } from "@/db/schema";
import { insertJsonRows } from "@/db/json-input";
import type { Db } from "@/db/client";
import { getConfig } from "@/lib/config";

export type AuditEvent = {
  event: string;
  actorType: "staff" | "patient" | "system" | "anonymous";
  actorStaffId?: string | null;
  patientId?: string | null;
  details?: Record<string, string | number | boolean | null | string[]>;
};

export async function recordAuditEvent(db: Pick<Db, "insert">, e: AuditEvent) {
  await db.insert(auditEvents).values({
    event: e.event,
    actorType: e.actorType,
    actorStaffId: e.actorStaffId ?? null,
    patientId: e.patientId ?? null,
    details: e.details ?? {},
  });
}

/** Many events in one statement, in the order given (bulk runs write one per patient). */
export async function recordAuditEvents(db: Pick<Db, "execute">, events: AuditEvent[]) {
  await insertJsonRows(
    db,
    "audit_events",
    "event text, actor_type text, actor_staff_id uuid, patient_id uuid, details jsonb",
    events.map((e) => ({
      event: e.event,
      actor_type: e.actorType,
      actor_staff_id: e.actorStaffId ?? null,
      patient_id: e.patientId ?? null,
      details: e.details ?? {},
    })),
  );
}

/** Emails go into the audit trail only as a keyed hash: linkable across rows, unreadable on their own. */
export function emailHmac(email: string): string {
  return createHmac("sha256", getConfig().AUTH_SECRET).update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}
