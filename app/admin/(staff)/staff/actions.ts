"use server";
// Staff administration. Each action is a public endpoint: it checks for an admin itself (front-desk staff are
// redirected by requireAdmin before anything is read or written), and the lib function checks again inside
// its transaction.
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/dal";
import { changeStaffRole } from "@/lib/staff/change-staff-role";
import { inviteStaffMember } from "@/lib/staff/invite-staff-member";
import { resendStaffInvite } from "@/lib/staff/resend-staff-invite";
import { setStaffActive } from "@/lib/staff/set-staff-active";
import {
  changeStaffRoleSchema,
  inviteStaffSchema,
  ROLE_LABEL,
  setStaffActiveSchema,
  staffIdSchema,
} from "@/lib/validation/staff-admin";
import { kickWorkers } from "@/lib/workers/kick";
import { fieldErrors } from "@/app/_components/form-state";
import type { InviteStaffState, StaffRowState } from "./state";

const text = (form: FormData, key: string, max: number) => {
  const v = form.get(key);
  return typeof v === "string" ? v.slice(0, max) : "";
};
const UNREADABLE: StaffRowState = { error: "That request could not be read. Reload the page and try again." };

export async function inviteStaff(_prev: InviteStaffState, form: FormData): Promise<InviteStaffState> {
  const admin = await requireAdmin();
  const values = { name: text(form, "name", 100), email: text(form, "email", 254), role: text(form, "role", 20) };
  const parsed = inviteStaffSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  const result = await inviteStaffMember(await getDb(), { actorStaffId: admin.id, ...parsed.data, now: new Date() });
  if (!result.ok) {
    return result.reason === "email_taken"
      ? { errors: { email: [result.message] }, values }
      : { message: result.message, values };
  }
  kickWorkers();
  revalidatePath("/admin/staff");
  return {
    sent: `${parsed.data.name} was added as ${ROLE_LABEL[parsed.data.role].toLowerCase()}. An invitation was emailed to ${parsed.data.email}.`,
  };
}

export async function changeRole(_prev: StaffRowState, form: FormData): Promise<StaffRowState> {
  const admin = await requireAdmin();
  const parsed = changeStaffRoleSchema.safeParse({ staffId: form.get("staffId"), role: form.get("role") });
  if (!parsed.success) return UNREADABLE;
  const result = await changeStaffRole(await getDb(), {
    actorStaffId: admin.id,
    targetStaffId: parsed.data.staffId,
    role: parsed.data.role,
    now: new Date(),
  });
  if (!result.ok) return { error: result.message };
  revalidatePath("/admin/staff");
  return {
    ok: result.changed
      ? `Role changed to ${ROLE_LABEL[parsed.data.role]}.`
      : `Role is already ${ROLE_LABEL[parsed.data.role]}.`,
  };
}

export async function setActive(_prev: StaffRowState, form: FormData): Promise<StaffRowState> {
  const admin = await requireAdmin();
  const parsed = setStaffActiveSchema.safeParse({ staffId: form.get("staffId"), active: form.get("active") });
  if (!parsed.success) return UNREADABLE;
  const { staffId, active } = parsed.data;
  const result = await setStaffActive(await getDb(), {
    actorStaffId: admin.id,
    targetStaffId: staffId,
    active,
    now: new Date(),
  });
  if (!result.ok) return { error: result.message };
  revalidatePath("/admin/staff");
  return { ok: active ? "Reactivated. They can sign in again." : "Deactivated. Their open sessions have ended." };
}

export async function resendInvite(_prev: StaffRowState, form: FormData): Promise<StaffRowState> {
  const admin = await requireAdmin();
  const parsed = staffIdSchema.safeParse({ staffId: form.get("staffId") });
  if (!parsed.success) return UNREADABLE;
  const result = await resendStaffInvite(await getDb(), {
    actorStaffId: admin.id,
    targetStaffId: parsed.data.staffId,
    now: new Date(),
  });
  if (!result.ok) return { error: result.message };
  kickWorkers();
  revalidatePath("/admin/staff");
  return { ok: "A new invitation was emailed. Earlier links no longer work." };
}
