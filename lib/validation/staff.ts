import { z } from "zod";
import { emailField } from "./fields";
import { UNSAFE_TEXT } from "./patient-record";
import { MAX_PASSWORD_LENGTH } from "@/lib/passwords/check-new-password";

export const STAFF_PASSWORD_MIN = 15;

export const createStaffSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name")
    .max(100, "Name must be 100 characters or fewer")
    .refine((s) => !UNSAFE_TEXT.test(s), "Name contains characters that are not allowed"),
  email: emailField,
  role: z.enum(["admin", "front_desk"], { error: "Role must be admin or front_desk" }),
  password: z
    .string()
    .refine((p) => [...p].length >= STAFF_PASSWORD_MIN, `Password must be at least ${STAFF_PASSWORD_MIN} characters`)
    .refine((p) => [...p].length <= MAX_PASSWORD_LENGTH, `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`),
});
export type CreateStaff = z.input<typeof createStaffSchema>;
