"use server";
import { redirect } from "next/navigation";
import { formAction } from "@/app/_lib/form-action";
import { getDb } from "@/db/client";
import { planBulkInvitations } from "@/lib/patients/plan-bulk-invitations";
import { parsePatientSearch } from "@/lib/patients/search";
import { sendBulkInvitations } from "@/lib/patients/send-bulk-invitations";
import { confirmBulkInvitationsSchema } from "@/lib/validation/bulk-selection";
import { kickWorkers } from "@/lib/workers/kick";

const confirmForm = formAction(
  { caller: "staff", fields: { id: "list", all: "text", q: "text" }, schema: confirmBulkInvitationsSchema },
  async (input, { caller }) => {
    const db = await getDb();
    const now = new Date();
    // The plan is made again at confirmation: the list may have changed since the staff member looked.
    const plan = await planBulkInvitations(db, {
      selection: input.all ? { search: parsePatientSearch(input.q) } : { ids: input.id },
      now,
    });
    const result = await sendBulkInvitations(db, {
      patientIds: plan.toInvite,
      staffId: caller.id,
      now,
      skippedBefore: plan.recentlyInvited + plan.inactive + plan.active,
    });
    kickWorkers();
    redirect(`/admin/invitations/${result.bulkId}`);
  },
);

// A plain form (no useActionState): a refused confirmation goes back to the list, which says so.
export async function confirmBulkInvitations(form: FormData) {
  const state = await confirmForm(undefined, form);
  if (state.errors || state.error) redirect("/admin?invite=invalid");
}
