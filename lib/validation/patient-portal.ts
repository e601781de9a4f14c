// What the Patient Portal tab's forms send: which patient, and the one box each form may have.
import { z } from "zod";

export const patientIdSchema = z.object({ patientId: z.uuid() });
export const portalAccessSchema = patientIdSchema.extend({ portalAccessEnabled: z.boolean() });
export const sendInvitationSchema = patientIdSchema.extend({ emailChangeConfirmed: z.boolean() });
