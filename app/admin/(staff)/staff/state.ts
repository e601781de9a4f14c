// What the staff page's forms get back from their actions (kept out of actions.ts: "use server" files export
// only async functions).
import type { FormState } from "@/app/_components/form-state";

export type InviteStaffField = "name" | "email" | "role";
export type InviteStaffState = FormState<InviteStaffField> & { sent?: string };

/** A row action (role, active, resend): one line of outcome, read out by screen readers. */
export type StaffRowState = { ok?: string; error?: string };
