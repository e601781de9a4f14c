// How a patient's list names each of their second steps, in plain words: what it is, what they called it, when
// it was added and last used ("Authenticator app “Phone”, added Mar 3, 2026, last used today").
import type { FactorKind } from "@/db/queries/second-factors";
import { formatDate } from "@/lib/patients/portal-status-text";

const KIND_NAME: Record<FactorKind, string> = {
  totp: "Authenticator app",
  passkey: "Passkey",
  email: "Code by email",
};

const DAY_MS = 86_400_000;
const dayOf = (d: Date) => Math.floor(d.getTime() / DAY_MS);

/** "today", "yesterday", or the date (days as the practice's dates are shown: UTC). */
export function whenInWords(at: Date, now: Date): string {
  const days = dayOf(now) - dayOf(at);
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  return formatDate(at);
}

/** The factor's kind and, when the patient named it something else, that name in quotes. */
export function factorTitle(f: { kind: FactorKind; name: string }): string {
  const kind = KIND_NAME[f.kind];
  const name = f.name.trim();
  return f.kind === "email" || !name || name.toLowerCase() === kind.toLowerCase() ? kind : `${kind} “${name}”`;
}

export function factorDescription(
  f: { kind: FactorKind; name: string; createdAt: Date; lastUsedAt: Date | null },
  now: Date,
): string {
  const used = f.lastUsedAt ? `last used ${whenInWords(f.lastUsedAt, now)}` : "not used yet";
  return `${factorTitle(f)}, added ${whenInWords(f.createdAt, now)}, ${used}`;
}
