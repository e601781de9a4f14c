// Creates a staff user with a hashed password, refusing a duplicate email; audited as a system action.
import type { Db } from "@/db/client";
import { insertStaffUser, staffEmailTaken } from "@/db/queries/staff-changes";
import { hashPassword } from "@/lib/auth/password-hash";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createStaffSchema, type CreateStaff } from "@/lib/validation/staff";

export type CreateStaffResult =
  | { ok: true; id: string }
  | { ok: false; errors: Partial<Record<keyof CreateStaff, string[]>> };

export async function createStaffUser(db: Db, input: CreateStaff): Promise<CreateStaffResult> {
  const parsed = createStaffSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Partial<Record<keyof CreateStaff, string[]>> = {};
    for (const issue of parsed.error.issues) (errors[issue.path[0] as keyof CreateStaff] ??= []).push(issue.message);
    return { ok: false, errors };
  }
  const { name, email, role, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (await staffEmailTaken(tx, email)) {
      return { ok: false as const, errors: { email: ["A staff user with this email already exists"] } };
    }
    const id = await insertStaffUser(tx, { name, email, role, passwordHash });
    await recordAuditEvent(tx, {
      event: "staff.created",
      actorType: "system",
      actorStaffId: id,
      details: { role },
    });
    return { ok: true as const, id };
  });
}
