"use client";
// The staff member's second steps, each with when it was added and last used, and a Remove button that names it.
// Removing the last one is refused with the reason (staff sign-in always needs a second step).
import { useActionState } from "react";
import { formatDateTime } from "@/lib/patients/portal-status-text";
import { type RemoveFactorState, removeStaffFactor } from "./actions";

export type FactorRow = {
  id: string;
  kind: "totp" | "passkey" | "email";
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
};

const KIND: Record<FactorRow["kind"], string> = {
  totp: "Authenticator app",
  passkey: "Passkey",
  email: "Emailed code",
};

export function FactorList({ factors }: { factors: FactorRow[] }) {
  const [state, action, pending] = useActionState<RemoveFactorState, FormData>(removeStaffFactor, {});
  return (
    <>
      <table className="data-table">
        <caption className="visually-hidden">Your second steps</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Added</th>
            <th scope="col">Last used</th>
            <th scope="col">Remove</th>
          </tr>
        </thead>
        <tbody>
          {factors.map((f) => (
            <tr key={f.id}>
              <th scope="row" data-label="Name">
                {f.name}
              </th>
              <td data-label="Kind">{KIND[f.kind]}</td>
              <td data-label="Added">{formatDateTime(f.createdAt)}</td>
              <td data-label="Last used">
                {f.lastUsedAt ? formatDateTime(f.lastUsedAt) : <span className="muted">Never</span>}
              </td>
              <td data-label="Remove">
                <form action={action} className="staff-inline-form">
                  <input type="hidden" name="factorId" value={f.id} />
                  <button type="submit" className="button-secondary" disabled={pending}>
                    Remove<span className="visually-hidden"> {f.name}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {factors.length === 1 && (
        <p className="hint">
          You have one second step. Staff sign-in always needs one, so add another before you remove it.
        </p>
      )}
      {state.error ? (
        <p className="row-outcome row-error" role="alert">
          {state.error}
        </p>
      ) : (
        <p className="row-outcome" role="status">
          {state.message}
        </p>
      )}
    </>
  );
}
