import Link from "next/link";
import { requireStaff } from "@/lib/auth/dal";
import { getDb } from "@/db/client";
import { planBulkInvitations, RECENT_INVITE_DAYS } from "@/lib/patients/plan-bulk-invitations";
import { linkLifetime } from "@/lib/tokens/link-lifetime";
import { parsePatientSearch } from "@/lib/patients/search";
import { bulkSelectionQuery } from "@/lib/validation/bulk-selection";
import { confirmBulkInvitations } from "../actions";

export const metadata = { title: "Send invitations" };

export default async function NewBulkInvitationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  await requireStaff();
  const query = bulkSelectionQuery.parse(await searchParams);
  const plan = await planBulkInvitations(await getDb(), {
    selection: query.all ? { search: parsePatientSearch(query.q) } : { ids: query.id },
    now: new Date(),
  });
  const skipped = plan.recentlyInvited + plan.inactive + plan.active;
  const n = plan.toInvite.length;
  return (
    <main id="main" className="narrow-wide">
      <h1>Send invitations</h1>
      <p className="big-number">
        {n === 0 ? "No invitations to send." : `${n} ${n === 1 ? "invitation" : "invitations"} will be sent.`}
      </p>
      {skipped > 0 && (
        <>
          <p>{skipped} skipped:</p>
          <ul>
            {plan.recentlyInvited > 0 && (
              <li>
                {plan.recentlyInvited} already invited in the last {RECENT_INVITE_DAYS} days
              </li>
            )}
            {plan.inactive > 0 && (
              <li>{plan.inactive} Inactive (they could not use the link: fix their details first)</li>
            )}
            {plan.active > 0 && <li>{plan.active} already Active</li>}
          </ul>
        </>
      )}
      <p>
        Each patient gets a link to set up their account, valid for {linkLifetime("setup_staff").words}, at the email
        address on file.
      </p>
      <form action={confirmBulkInvitations} className="actions-row">
        {query.all ? (
          <input type="hidden" name="all" value="unactivated" />
        ) : (
          query.id.map((id) => <input key={id} type="hidden" name="id" value={id} />)
        )}
        <input type="hidden" name="q" value={query.q ?? ""} />
        {n > 0 && (
          <button type="submit" className="button">
            Send {n} {n === 1 ? "invitation" : "invitations"}
          </button>
        )}
        <Link href="/admin" className="button-secondary">
          Cancel
        </Link>
      </form>
    </main>
  );
}
