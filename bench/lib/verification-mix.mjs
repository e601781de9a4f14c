// What the throughput measurements post to the create-account form, in turn: one entry per outcome the worker
// can reach with the demo practice (db/seed/demo.ts) and bench/fixtures/duplicate-chart.csv.
import { randomBytes } from "node:crypto";

const dob = (y, m, d) => ({ dobYear: y, dobMonth: m, dobDay: d });

export const VERIFICATION_MIX = [
  // matched (Nora Lindqvist, eligible)
  () => ({ email: "nora.l@example.com", lastName: "Lindqvist", ...dob("1972", "1", "9"), zip: "62701" }),
  // unknown email, a new one each time
  () => ({
    email: `p${randomBytes(4).toString("hex")}@example.org`,
    lastName: "Lindqvist",
    ...dob("1972", "1", "9"),
    zip: "62701",
  }),
  // access off (Harold Finch)
  () => ({ email: "harold.finch@example.com", lastName: "Finch", ...dob("1955", "5", "5"), zip: "62710" }),
  // already has an account (Maria García-López)
  () => ({ email: "maria.garcia@example.com", lastName: "García-López", ...dob("1978", "4", "12"), zip: "62701" }),
  // ambiguous: two charts with these details (Kwame Asante)
  () => ({ email: "kwame.asante@example.com", lastName: "Asante", ...dob("1980", "11", "11"), zip: "62708" }),
];
