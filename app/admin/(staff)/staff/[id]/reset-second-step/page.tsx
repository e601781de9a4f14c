// An admin confirms resetting another staff member's second step: what it does, in plain words, before it is done.
// The rule (never one's own, admins only) is in lib/staff/reset-staff-second-step.ts; this page only explains.
import Link from "next/link";
import { getDb } from "@/db/client";
import { findStaffSummary } from "@/db/queries/staff";
import { requireAdmin } from "@/lib/auth/dal";
import { staffIdSchema } from "@/lib/validation/staff-admin";
import { ResetSecondStepForm } from "./reset-form";

export const metadata = { title: "Reset second step" };

export default async function ResetSecondStepPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requireAdmin();
  const parsed = staffIdSchema.safeParse({ staffId: (await params).id });
  const target = parsed.success ? await findStaffSummary(await getDb(), parsed.data.staffId) : null;
  return (
    <main id="main" className="narrow">
      <p>
        <Link href="/admin/staff">Back to Staff</Link>
      </p>
      <h1>Reset second step</h1>
      {!target ? (
        <p>That staff member does not exist. Go back to the staff list and try again.</p>
      ) : target.id === me.id ? (
        <p>
          You cannot reset your own second step. Use one of your recovery codes to sign in, or ask another admin to
          reset it for you.
        </p>
      ) : (
        <>
          <p>
            For <strong>{target.name}</strong> ({target.email}), when they have lost their phone or passkey and their
            recovery codes. Check that it is really them asking, for example in person or by calling them back.
          </p>
          <ul>
            <li>Their authenticator apps, passkeys and recovery codes stop working.</li>
            <li>They are signed out everywhere at once.</li>
            <li>At their next sign-in, after their password, they must set up a new second step.</li>
            <li>They get an email saying their second step was reset.</li>
          </ul>
          <ResetSecondStepForm staffId={target.id} name={target.name} hasFactors={target.secondFactors > 0} />
        </>
      )}
    </main>
  );
}
