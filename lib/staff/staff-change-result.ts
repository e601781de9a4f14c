// The answer every staff-admin change gives: done, or refused with a reason and words an admin can act on.
export type StaffChangeRefusal =
  | "not_admin"
  | "not_found"
  | "self"
  | "email_taken"
  | "email_cap"
  | "inactive"
  | "already_set_up"
  | "no_second_step";

export type StaffChangeResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; reason: StaffChangeRefusal; message: string };

export const REFUSAL_MESSAGES: Record<Exclude<StaffChangeRefusal, "self">, string> = {
  not_admin: "Only an admin can manage staff accounts.",
  not_found: "That staff member no longer exists. Reload the page.",
  email_taken: "A staff member with this email address already exists.",
  email_cap: "This address has already been sent as many emails as we allow in an hour or a day. Try again later.",
  inactive: "This staff member is deactivated. Reactivate them before sending a new invitation.",
  already_set_up: "This staff member has already chosen a password, so there is no invitation to send.",
  no_second_step: "This staff member has no second step to reset. They will set one up at their next sign-in.",
};

export const refuse = (reason: Exclude<StaffChangeRefusal, "self">) => ({
  ok: false as const,
  reason,
  message: REFUSAL_MESSAGES[reason],
});

/** Thrown inside a transaction to roll it back and hand a refusal to the caller. */
export class StaffChangeAbort extends Error {
  constructor(readonly result: { ok: false; reason: StaffChangeRefusal; message: string }) {
    super("aborted");
  }
}
