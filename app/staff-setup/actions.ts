"use server";
// Completes a staff invitation: validate, rate-limit bad links, use the link and set the password, then send
// the new member to sign in (never signed in automatically).
import { redirect } from "next/navigation";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { getDb } from "@/db/client";
import { forgetLinkToken } from "@/lib/http/link-token";
import { runWithinBadLinkLimit } from "@/lib/rate-limit/limit-bad-links";
import { completeStaffSetup } from "@/lib/staff/complete-staff-setup";
import type { StaffInviteState } from "@/lib/tokens/inspect-staff-invite-link";
import { PASSWORDS_DIFFER } from "@/lib/validation/account-link";
import { staffSetupSchema } from "@/lib/validation/staff-admin";

export type StaffSetupState = FormState<
  "token" | "password" | "confirm",
  { linkProblem: Exclude<StaffInviteState, "valid"> }
>;

const setupForm = formAction(
  { caller: "public", fields: { token: "secret", password: "secret", confirm: "secret" }, schema: staffSetupSchema },
  async (input, { ipHash }): Promise<StaffSetupState> => {
    if (input.password !== input.confirm) return { errors: { confirm: [PASSWORDS_DIFFER] } };
    const db = await getDb();
    const now = new Date();
    const address = await ipHash();
    const result = await runWithinBadLinkLimit(db, { address, now }, () =>
      completeStaffSetup(db, { token: input.token, password: input.password, now }),
    );
    if (!result.ok) {
      if (result.reason === "password") return { errors: { password: [result.message] } };
      return { result: { linkProblem: result.state } };
    }
    await forgetLinkToken("/staff-setup");
    redirect("/admin/login?setup=done");
  },
);

export async function completeStaffSetupAction(prev: StaffSetupState, form: FormData): Promise<StaffSetupState> {
  return setupForm(prev, form);
}
