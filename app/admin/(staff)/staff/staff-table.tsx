// The staff list: who they are, their role, whether they can sign in, and the controls an admin may use.
import type { StaffListRow } from "@/db/queries/staff";
import { formatDateTime } from "@/lib/patients/portal-status-text";
import { ROLE_LABEL } from "@/lib/validation/staff-admin";
import { StaffRowActions } from "./staff-row-actions";

function accountState(row: StaffListRow, now: Date): string {
  if (!row.active) return "Deactivated";
  if (row.hasPassword) return "Active";
  if (row.inviteExpiresAt && row.inviteExpiresAt > now)
    return `Invited: link valid until ${formatDateTime(row.inviteExpiresAt)}`;
  return "Invited: the link has expired. Send a new one.";
}

function secondStep(row: StaffListRow): string {
  if (row.secondFactors === 0) return row.hasPassword ? "Not set up: asked at their next sign-in" : "Not set up yet";
  return row.secondFactors === 1 ? "Set up" : `Set up (${row.secondFactors} ways)`;
}

export function StaffTable({ rows, meId, now }: { rows: StaffListRow[]; meId: string; now: Date }) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">Staff members</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Account</th>
          <th scope="col">Second step</th>
          <th scope="col">Last sign-in</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={row.active ? undefined : "inactive-row"}>
            <th scope="row" data-label="Name">
              {row.name}
            </th>
            <td data-label="Email" className="email">
              {row.email}
            </td>
            <td data-label="Role">{ROLE_LABEL[row.role]}</td>
            <td data-label="Account">{accountState(row, now)}</td>
            <td data-label="Second step">{secondStep(row)}</td>
            <td data-label="Last sign-in">
              {row.lastLoginAt ? formatDateTime(row.lastLoginAt) : <span className="muted">Never</span>}
            </td>
            <td data-label="Actions">
              {row.id === meId ? (
                <p className="muted row-outcome">This is you. Another admin must change your role or deactivate you.</p>
              ) : (
                <StaffRowActions row={row} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
