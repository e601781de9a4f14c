import type { StaffInviteState } from "@/lib/tokens/inspect-staff-invite-link";

export type StaffSetupField = "password" | "confirm";
export type StaffSetupState = {
  errors?: Partial<Record<StaffSetupField, string[]>>;
  message?: string;
  linkProblem?: Exclude<StaffInviteState, "valid">;
};
