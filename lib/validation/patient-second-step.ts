// What the portal's "Add a second step to your sign-in" forms send: the emailed code, and which factor to remove
// with the patient's confirmation. The app and passkey forms use addAuthenticatorSchema and addPasskeySchema.
// Messages are keys, put into the patient's language by the form wrapper.
import { z } from "zod";
import { validationKey } from "@/lib/i18n/localize-message";
import { typedCode } from "./second-step";

export const addEmailFactorSchema = z.object({
  code: typedCode(validationKey("secondStepEnterEmailCode")),
});

/** A factor id as it comes in a link or hidden field; anything else is no factor. */
export const factorIdSchema = z.uuid();

export const REMOVE_CONFIRM = validationKey("secondStepRemoveConfirm");

export const removeFactorSchema = z.object({
  factorId: factorIdSchema,
  confirm: z.literal(true, REMOVE_CONFIRM),
});
