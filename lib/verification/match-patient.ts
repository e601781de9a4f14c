// Decides whether typed identity details point at exactly one on-file patient.
import { normalizeEmail, normalizeLastName, zip5 } from "./normalize";

export type OnFilePatient = {
  id: string;
  email: string | null;
  lastName: string;
  dateOfBirth: string /* YYYY-MM-DD */;
  zip: string | null;
};
export type TypedDetails = { email: string; lastName: string; dateOfBirth: string; zip: string };
export type MismatchField = "last_name" | "date_of_birth" | "zip";
export type MatchResult =
  | { outcome: "matched"; patientId: string }
  | { outcome: "ambiguous"; patientIds: string[] } // several records match all four (duplicate charts)
  | { outcome: "no_match"; emailPatientId: string | null; mismatchedFields: MismatchField[] };

function mismatches(p: OnFilePatient, typed: TypedDetails): MismatchField[] {
  const name = normalizeLastName(typed.lastName);
  const zip = zip5(typed.zip);
  const out: MismatchField[] = [];
  // Blank or missing values never count as equal: "nothing on file" must not match "nothing typed".
  if (name === "" || normalizeLastName(p.lastName) !== name) out.push("last_name");
  if (!typed.dateOfBirth || p.dateOfBirth !== typed.dateOfBirth) out.push("date_of_birth");
  if (zip === null || zip5(p.zip) !== zip) out.push("zip");
  return out;
}

const uniqueIds = (ps: OnFilePatient[]) => [...new Set(ps.map((p) => p.id))];

export function matchPatient(candidates: OnFilePatient[], typed: TypedDetails): MatchResult {
  const email = normalizeEmail(typed.email);
  // The caller already filtered by email; checking again keeps a loose query from granting access.
  const byEmail = email === null ? [] : candidates.filter((p) => normalizeEmail(p.email) === email);
  const matchedIds = uniqueIds(byEmail.filter((p) => mismatches(p, typed).length === 0));

  if (matchedIds.length === 1) return { outcome: "matched", patientId: matchedIds[0] };
  if (matchedIds.length > 1) return { outcome: "ambiguous", patientIds: matchedIds };

  // Only a single email owner gives staff a meaningful "what was wrong"; with a shared family
  // email we cannot tell whose details the person meant to type.
  const emailIds = uniqueIds(byEmail);
  if (emailIds.length !== 1) return { outcome: "no_match", emailPatientId: null, mismatchedFields: [] };
  const owner = byEmail[0];
  return { outcome: "no_match", emailPatientId: owner.id, mismatchedFields: mismatches(owner, typed) };
}
