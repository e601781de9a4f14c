"use client";
// "Add staff member": name, email and role. On success the form empties and says who was invited.
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { inviteStaff, type InviteStaffState } from "./actions";

const LABELS = { name: "Name", email: "Email", role: "Role" };
const ROLES = [
  { value: "front_desk", label: "Front desk", hint: "Sees and fixes patients' portal access." },
  { value: "admin", label: "Admin", hint: "Also manages staff accounts and reads the audit trail." },
];

export function InviteStaffForm() {
  const [state, action, pending] = useActionState<InviteStaffState, FormData>(inviteStaff, {});
  const v = state.values ?? {};
  const roleError = state.errors?.role;
  return (
    <form action={action} noValidate className="staff-invite-form">
      {state.message && (
        <p className="notice" role="status">
          {state.message}
        </p>
      )}
      <ErrorSummary errors={state.errors} message={state.error} labels={LABELS} />
      <Field name="name" label="Name" autoComplete="off" defaultValue={v.name} errors={state.errors?.name} />
      <Field
        name="email"
        label="Email"
        type="email"
        autoComplete="off"
        defaultValue={v.email}
        errors={state.errors?.email}
        hint="Their work email address. The invitation is sent there."
      />
      <fieldset
        className={roleError?.length ? "field field-invalid" : "field"}
        aria-describedby={roleError?.length ? "role-error" : undefined}
      >
        <legend>Role</legend>
        {roleError?.length ? (
          <p className="field-error" id="role-error">
            <span className="visually-hidden">Error: </span>
            {roleError[0]}
          </p>
        ) : null}
        {ROLES.map((r, i) => (
          <div className="staff-radio" key={r.value}>
            <input
              type="radio"
              name="role"
              value={r.value}
              id={i === 0 ? "role" : `role-${r.value}`}
              defaultChecked={(v.role || "front_desk") === r.value}
              aria-describedby={`role-${r.value}-hint`}
            />
            <label htmlFor={i === 0 ? "role" : `role-${r.value}`}>{r.label}</label>
            <p className="hint" id={`role-${r.value}-hint`}>
              {r.hint}
            </p>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Sending…" : "Add and send invitation"}
      </button>
    </form>
  );
}
