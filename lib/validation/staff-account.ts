// What a staff member's own "Your account" forms send: which of their second factors to remove, and their password
// again before new recovery codes are made.
import { z } from "zod";
import { passwordField } from "./fields";

export const removeStaffFactorSchema = z.object({ factorId: z.uuid({ error: "Unknown second step" }) });

export const regenerateRecoveryCodesSchema = z.object({
  password: passwordField("Enter your password"),
});
