// What the dash's Release and Discard forms send: which patient, and (Release) the box saying staff checked
// with the patient.
import { z } from "zod";

export const heldLinkSchema = z.object({ patientId: z.uuid(), verified: z.boolean() });
