// What the second-step recovery link's form sends: the link's token and the account's password (taken as typed),
// and what staff's "Remove second step" sends: the patient and the "I verified the caller" box.
import { z } from "zod";
import { linkToken } from "./account-link";
import { passwordInput } from "./fields";
import { patientIdSchema } from "./patient-portal";

export const secondStepRecoverySchema = z.object({ token: linkToken, password: passwordInput });

export const removePatientSecondStepSchema = patientIdSchema.extend({ callerVerified: z.boolean() });
