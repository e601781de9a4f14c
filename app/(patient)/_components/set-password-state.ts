import type { LinkState } from "@/lib/tokens/inspect-account-link";

export type SetPasswordField = "username" | "password" | "confirm";
export type SetPasswordState = {
  errors?: Partial<Record<SetPasswordField, string[]>>;
  message?: string;
  values?: { username?: string };
  linkProblem?: Exclude<LinkState, "valid">;
};
