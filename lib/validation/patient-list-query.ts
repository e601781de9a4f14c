// The staff list's URL parameters: anything unexpected falls back to the plain first page.
import { z } from "zod";
import { PORTAL_STATUS_KINDS } from "@/lib/patients/portal-status";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const patientListQuery = z.object({
  q: z.preprocess(one, z.string().max(100).optional()).catch(undefined),
  status: z.preprocess(one, z.enum(PORTAL_STATUS_KINDS as [string, ...string[]]).optional()).catch(undefined),
  after: z.preprocess(one, z.string().max(400).optional()).catch(undefined),
  before: z.preprocess(one, z.string().max(400).optional()).catch(undefined),
});
