"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/dal";
import { planBulkInvitations } from "@/lib/patients/plan-bulk-invitations";
import { sendBulkInvitations } from "@/lib/patients/send-bulk-invitations";
import { parsePatientSearch } from "@/lib/patients/search";
import { kickWorkers } from "@/lib/workers/kick";

const input = z.object({
  ids: z.array(z.uuid()).max(1000),
  all: z.enum(["", "unactivated"]),
  q: z.string().max(100),
});

export async function confirmBulkInvitations(form: FormData) {
  const staff = await requireStaff();
  const parsed = input.safeParse({ ids: form.getAll("id"), all: form.get("all") ?? "", q: form.get("q") ?? "" });
  if (!parsed.success) redirect("/admin?invite=invalid");
  const db = await getDb();
  const now = new Date();
  // The plan is made again at confirmation: the list may have changed since the staff member looked.
  const plan = await planBulkInvitations(db, {
    selection: parsed.data.all ? { search: parsePatientSearch(parsed.data.q) } : { ids: parsed.data.ids },
    now,
  });
  const result = await sendBulkInvitations(db, {
    patientIds: plan.toInvite,
    staffId: staff.id,
    now,
    skippedBefore: plan.recentlyInvited + plan.inactive + plan.active,
  });
  kickWorkers();
  redirect(`/admin/invitations/${result.bulkId}`);
}
