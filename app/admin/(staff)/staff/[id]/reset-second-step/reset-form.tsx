"use client";
// The confirm button for an admin's reset of a colleague's second step, and what happened.
import Link from "next/link";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { resetSecondStep, type StaffRowState } from "../../actions";

export function ResetSecondStepForm({
  staffId,
  name,
  hasFactors,
}: {
  staffId: string;
  name: string;
  hasFactors: boolean;
}) {
  const [state, action, pending] = useActionState<StaffRowState, FormData>(resetSecondStep, {});
  if (state.message) {
    return (
      <>
        <p className="notice" role="status">
          {state.message}
        </p>
        <p>
          <Link href="/admin/staff">Back to Staff</Link>
        </p>
      </>
    );
  }
  if (!hasFactors) return <p>{name} has no second step set up. They will set one up at their next sign-in.</p>;
  return (
    <form action={action}>
      <ErrorSummary message={state.error} labels={{}} />
      <input type="hidden" name="staffId" value={staffId} />
      <button type="submit" className="button" disabled={pending}>
        Reset second step for {name}
      </button>{" "}
      <Link href="/admin/staff">Cancel</Link>
    </form>
  );
}
