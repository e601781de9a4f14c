import { getDb } from "@/db/client";
import { listStaff } from "@/db/queries/staff";
import { requireAdmin } from "@/lib/auth/dal";
import { linkLifetime } from "@/lib/tokens/link-lifetime";
import { InviteStaffForm } from "./invite-form";
import { StaffTable } from "./staff-table";

export const metadata = { title: "Staff" };

export default async function StaffPage() {
  const me = await requireAdmin();
  const rows = await listStaff(await getDb());
  return (
    <main id="main" className="staff-admin">
      <h1>Staff</h1>
      <p>
        Everyone who can sign in to the staff side of the portal. Deactivating someone ends their open sessions at once.
      </p>
      <StaffTable rows={rows} meId={me.id} now={new Date()} />
      <section aria-labelledby="add-staff-title" className="staff-panel">
        <h2 id="add-staff-title">Add staff member</h2>
        <p>
          They get an email with a link to choose their own password. The link works for{" "}
          {linkLifetime("setup_staff").words}.
        </p>
        <InviteStaffForm />
      </section>
    </main>
  );
}
