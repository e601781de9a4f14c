export type SetPasswordField = "username" | "password" | "confirm";
export type SetPasswordState = {
  errors?: Partial<Record<SetPasswordField, string[]>>;
  message?: string;
  values?: { username?: string };
  linkProblem?: "used" | "expired" | "replaced" | "unknown";
};
