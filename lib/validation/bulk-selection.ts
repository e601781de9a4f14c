// What the patient list hands to "Send invitations": either checked patients or "all Unactivated" for a search.
import { z } from "zod";
import { queryTextAllowed } from "./page-address";

const many = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const bulkSelectionQuery = z.object({
  id: z.preprocess(many, z.array(z.uuid()).max(1000)).catch([]),
  all: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.literal("unactivated").optional()).catch(undefined),
  q: z
    .preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(100).refine(queryTextAllowed).optional())
    .catch(undefined),
});

/** The confirmation page's form: the checked patients, or "all Unactivated" with the search that found them. */
export const confirmBulkInvitationsSchema = z.object({
  id: z.array(z.uuid()).max(1000),
  all: z.enum(["", "unactivated"]),
  q: z.string().max(100),
});
