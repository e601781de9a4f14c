// What the staff admin forms and the staff setup form accept, normalised here so every caller sees the same input.
import { z } from "zod";
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
  token: z.string().max(100),
  password: z
    .string({ error: "Enter a password" })
    .min(1, "Enter a password")
    .max(1000, "Password must be 128 characters or fewer"),
  confirm: z
    .string({ error: "Type the password again" })
    .min(1, "Type the password again")
    .max(1000, "Password must be 128 characters or fewer"),
});
