"use client";
// The controls on one staff member's row: change role, deactivate or reactivate, send the invitation again, and
// the way to reset their second step (confirmed on a page of its own).
// Every control names the person in its accessible name, and each outcome is announced.
import Link from "next/link";
import { useActionState } from "react";
import type { StaffListRow } from "@/db/queries/staff";
import { changeRole, resendInvite, setActive, type StaffRowState } from "./actions";

export function StaffRowActions({
  row,
}: {
  row: Pick<StaffListRow, "id" | "name" | "role" | "active" | "hasPassword" | "secondFactors">;
}) {
  const [roleState, roleAction, rolePending] = useActionState<StaffRowState, FormData>(changeRole, {});
  const [activeState, activeAction, activePending] = useActionState<StaffRowState, FormData>(setActive, {});
  const [inviteState, inviteAction, invitePending] = useActionState<StaffRowState, FormData>(resendInvite, {});
  const selectId = `role-${row.id}`;
  return (
    <div className="row-actions">
      {row.active && (
        // Keyed by role so the select shows the saved role after the page refreshes.
        <form action={roleAction} className="staff-inline-form" key={row.role}>
          <input type="hidden" name="staffId" value={row.id} />
          <label htmlFor={selectId} className="visually-hidden">
            Role for {row.name}
          </label>
          <select id={selectId} name="role" defaultValue={row.role}>
            <option value="front_desk">Front desk</option>
            <option value="admin">Admin</option>
          </select>
          <button type="submit" className="button-secondary" disabled={rolePending}>
            Change role<span className="visually-hidden"> for {row.name}</span>
          </button>
        </form>
      )}
      <form action={activeAction} className="staff-inline-form">
        <input type="hidden" name="staffId" value={row.id} />
        <input type="hidden" name="active" value={row.active ? "false" : "true"} />
        <button type="submit" className="button-secondary" disabled={activePending}>
          {row.active ? "Deactivate" : "Reactivate"}
          <span className="visually-hidden"> {row.name}</span>
        </button>
      </form>
      {row.active && !row.hasPassword && (
        <form action={inviteAction} className="staff-inline-form">
          <input type="hidden" name="staffId" value={row.id} />
          <button type="submit" className="button-secondary" disabled={invitePending}>
            Send invitation again<span className="visually-hidden"> to {row.name}</span>
          </button>
        </form>
      )}
      {row.secondFactors > 0 && (
        // A page of its own, to confirm: the reset ends their sessions and they must set up again.
        <Link href={`/admin/staff/${row.id}/reset-second-step`} className="button-secondary">
          Reset second step<span className="visually-hidden"> for {row.name}</span>
        </Link>
      )}
      <Outcome state={roleState} />
      <Outcome state={activeState} />
      <Outcome state={inviteState} />
    </div>
  );
}

function Outcome({ state }: { state: StaffRowState }) {
  if (state.error) {
    return (
      <p className="row-outcome row-error" role="alert">
        {state.error}
      </p>
    );
  }
  return (
    <p className="row-outcome" role="status">
      {state.message}
    </p>
  );
}
