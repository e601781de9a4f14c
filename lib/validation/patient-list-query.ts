// The staff list's URL parameters: anything unexpected falls back to the plain first page. (The proxy already
// answers control characters and edited cursors with a 400 page: lib/http/refuse-hostile-request.ts.)
import { z } from "zod";
import { decodeCursor } from "@/db/queries/patients";
import { PORTAL_STATUS_KINDS } from "@/lib/patients/portal-status";
import { queryTextAllowed } from "./page-address";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

// A cursor is only kept when it decodes: an edited one would otherwise reach the query (docs/security.md R3).
const cursor = z
  .string()
  .max(400)
  .refine((c) => decodeCursor(c) !== null);

export const patientListQuery = z.object({
  q: z.preprocess(one, z.string().max(100).refine(queryTextAllowed).optional()).catch(undefined),
  status: z.preprocess(one, z.enum(PORTAL_STATUS_KINDS as [string, ...string[]]).optional()).catch(undefined),
  after: z.preprocess(one, cursor.optional()).catch(undefined),
  before: z.preprocess(one, cursor.optional()).catch(undefined),
});
