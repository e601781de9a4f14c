// What the portal's "Add a second step to your sign-in" forms send: the emailed code, and which factor to remove
// with the patient's confirmation. The app and passkey forms use addAuthenticatorSchema and addPasskeySchema.
import { z } from "zod";
import { typedCode } from "./second-step";

export const addEmailFactorSchema = z.object({
  code: typedCode("Enter the 6-digit code from the email."),
});

/** A factor id as it comes in a link or hidden field; anything else is no factor. */
export const factorIdSchema = z.uuid();

export const REMOVE_CONFIRM = "Tick the box to confirm you want to remove it.";

export const removeFactorSchema = z.object({
  factorId: factorIdSchema,
  confirm: z.literal(true, REMOVE_CONFIRM),
});
