// What the staff admin forms and the staff setup form accept, normalised here so every caller sees the same input.
import { z } from "zod";
import { linkToken } from "./account-link";
import { passwordField } from "./fields";
import { createStaffSchema } from "./staff";

export const STAFF_ROLES = ["admin", "front_desk"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const ROLE_LABEL: Record<StaffRole, string> = { admin: "Admin", front_desk: "Front desk" };

const role = z.enum(STAFF_ROLES, { error: "Choose a role" });
const staffId = z.uuid({ error: "Unknown staff member" });

export const inviteStaffSchema = createStaffSchema.pick({ name: true, email: true }).extend({ role });
export type InviteStaffInput = z.output<typeof inviteStaffSchema>;

export const changeStaffRoleSchema = z.object({ staffId, role });
export const setStaffActiveSchema = z.object({
  staffId,
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export const staffIdSchema = z.object({ staffId });

export const staffSetupSchema = z.object({
  token: linkToken,
  password: passwordField("Enter a password"),
  confirm: passwordField("Type the password again"),
});
