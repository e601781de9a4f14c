"use client";
import { useActionState } from "react";

export function Form({ action }) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.submitted) return <p role="status">Sent</p>;
  return (
    <form action={formAction}>
      {["email", "lastName", "dobMonth", "dobDay", "dobYear", "zip"].map((name) => (
        <input key={name} name={name} aria-label={name} />
      ))}
      <button type="submit" disabled={pending}>
        Send
      </button>
    </form>
  );
}
