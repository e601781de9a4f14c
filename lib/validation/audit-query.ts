// The audit page's URL parameters: anything unexpected is dropped, so a bad link shows the unfiltered trail.
import { z } from "zod";
import { queryTextAllowed } from "./page-address";
import type { AuditPatientFilter } from "@/db/queries/audit";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const blankToUndefined = (v: unknown) => {
  const s = one(v);
  return typeof s === "string" && s.trim() === "" ? undefined : s;
};

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  });
const cursor = z
  .string()
  .regex(/^\d{1,18}$/)
  .transform(Number);

export const auditQuery = z.object({
  patient: z
    .preprocess(blankToUndefined, z.string().refine(queryTextAllowed).trim().max(100).optional())
    .catch(undefined),
  staff: z.preprocess(blankToUndefined, z.uuid().optional()).catch(undefined),
  event: z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .max(100)
        .regex(/^[a-z0-9_.-]+$/i)
        .optional(),
    )
    .catch(undefined),
  from: z.preprocess(blankToUndefined, isoDay.optional()).catch(undefined),
  to: z.preprocess(blankToUndefined, isoDay.optional()).catch(undefined),
  after: z.preprocess(blankToUndefined, cursor.optional()).catch(undefined),
  before: z.preprocess(blankToUndefined, cursor.optional()).catch(undefined),
});
export type AuditQuery = z.output<typeof auditQuery>;

/** A patient id (as in /admin/patients/[id]) or a chart number, told apart by shape. */
export function auditPatientFilter(value: string | undefined): AuditPatientFilter | undefined {
  if (!value) return undefined;
  const asId = z.uuid().safeParse(value);
  return asId.success ? { kind: "id", id: asId.data.toLowerCase() } : { kind: "chart", chartNumber: value };
}
