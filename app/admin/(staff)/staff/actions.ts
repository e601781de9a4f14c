"use server";
// Staff administration. Each action is a public endpoint: the wrapper checks for an admin (front-desk staff are
// redirected by requireAdmin before anything is read or written), and the lib function checks again inside
// its transaction.
import { revalidatePath } from "next/cache";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { getDb } from "@/db/client";
import { changeStaffRole } from "@/lib/staff/change-staff-role";
import { inviteStaffMember } from "@/lib/staff/invite-staff-member";
import { resendStaffInvite } from "@/lib/staff/resend-staff-invite";
import { resetStaffSecondStep } from "@/lib/staff/reset-staff-second-step";
import { setStaffActive } from "@/lib/staff/set-staff-active";
import {
  changeStaffRoleSchema,
  inviteStaffSchema,
  ROLE_LABEL,
  setStaffActiveSchema,
  staffIdSchema,
} from "@/lib/validation/staff-admin";
import { kickWorkers } from "@/lib/workers/kick";

export type InviteStaffState = FormState<"name" | "email" | "role">;
/** A row action (role, active, resend): one line of outcome, read out by screen readers. */
export type StaffRowState = FormState<"staffId" | "role" | "active">;

// The row forms hold nothing the admin types: a bad value means the page is out of date or was tampered with.
const UNREADABLE = "That request could not be read. Reload the page and try again.";

// Nothing is cut before checking: an over-long name or email is refused with its own message, as typed.
const inviteForm = formAction(
  { caller: "admin", fields: { name: "text", email: "text", role: "text" }, schema: inviteStaffSchema },
  async (input, { caller }): Promise<InviteStaffState> => {
    const result = await inviteStaffMember(await getDb(), { actorStaffId: caller.id, ...input, now: new Date() });
    if (!result.ok)
      return result.reason === "email_taken" ? { errors: { email: [result.message] } } : { error: result.message };
    kickWorkers();
    revalidatePath("/admin/staff");
    return {
      message: `${input.name} was added as ${ROLE_LABEL[input.role].toLowerCase()}. An invitation was emailed to ${input.email}.`,
    };
  },
);

const roleForm = formAction(
  {
    caller: "admin",
    fields: { staffId: "text", role: "text" },
    schema: changeStaffRoleSchema,
    hidden: ["staffId", "role"],
    staleMessage: UNREADABLE,
  },
  async (input, { caller }): Promise<StaffRowState> => {
    const result = await changeStaffRole(await getDb(), {
      actorStaffId: caller.id,
      targetStaffId: input.staffId,
      role: input.role,
      now: new Date(),
    });
    if (!result.ok) return { error: result.message };
    revalidatePath("/admin/staff");
    return {
      message: result.changed
        ? `Role changed to ${ROLE_LABEL[input.role]}.`
        : `Role is already ${ROLE_LABEL[input.role]}.`,
    };
  },
);

const activeForm = formAction(
  {
    caller: "admin",
    fields: { staffId: "text", active: "text" },
    schema: setStaffActiveSchema,
    hidden: ["staffId", "active"],
    staleMessage: UNREADABLE,
  },
  async ({ staffId, active }, { caller }): Promise<StaffRowState> => {
    const result = await setStaffActive(await getDb(), {
      actorStaffId: caller.id,
      targetStaffId: staffId,
      active,
      now: new Date(),
    });
    if (!result.ok) return { error: result.message };
    revalidatePath("/admin/staff");
    return {
      message: active ? "Reactivated. They can sign in again." : "Deactivated. Their open sessions have ended.",
    };
  },
);

const resendForm = formAction(
  {
    caller: "admin",
    fields: { staffId: "text" },
    schema: staffIdSchema,
    hidden: ["staffId"],
    staleMessage: UNREADABLE,
  },
  async (input, { caller }): Promise<StaffRowState> => {
    const result = await resendStaffInvite(await getDb(), {
      actorStaffId: caller.id,
      targetStaffId: input.staffId,
      now: new Date(),
    });
    if (!result.ok) return { error: result.message };
    kickWorkers();
    revalidatePath("/admin/staff");
    return { message: "A new invitation was emailed. Earlier links no longer work." };
  },
);

const resetSecondStepForm = formAction(
  {
    caller: "admin",
    fields: { staffId: "text" },
    schema: staffIdSchema,
    hidden: ["staffId"],
    staleMessage: UNREADABLE,
  },
  async (input, { caller }): Promise<StaffRowState> => {
    const result = await resetStaffSecondStep(await getDb(), {
      actorStaffId: caller.id,
      targetStaffId: input.staffId,
      now: new Date(),
    });
    if (!result.ok) return { error: result.message };
    kickWorkers();
    revalidatePath("/admin/staff");
    return {
      message:
        "Their second step was reset and they were signed out everywhere. We emailed them. At their next sign-in they will set up a new one.",
    };
  },
);

export async function inviteStaff(prev: InviteStaffState, form: FormData): Promise<InviteStaffState> {
  return inviteForm(prev, form);
}

export async function changeRole(prev: StaffRowState, form: FormData): Promise<StaffRowState> {
  return roleForm(prev, form);
}

export async function setActive(prev: StaffRowState, form: FormData): Promise<StaffRowState> {
  return activeForm(prev, form);
}

export async function resendInvite(prev: StaffRowState, form: FormData): Promise<StaffRowState> {
  return resendForm(prev, form);
}

export async function resetSecondStep(prev: StaffRowState, form: FormData): Promise<StaffRowState> {
  return resetSecondStepForm(prev, form);
}
