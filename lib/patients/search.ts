// Turns what staff type in the patient search box into one kind of lookup.
import type { PatientSearch } from "@/db/queries/patients";
import { calendarDate } from "@/lib/validation/fields";

/** Accepts 03/14/1962, 3-14-1962 and 1962-03-14; returns YYYY-MM-DD or null if not a real date. */
export function parseDateInput(text: string): string | null {
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) return calendarDate(m[3], m[1], m[2]);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  return m ? calendarDate(m[1], m[2], m[3]) : null;
}

export function parsePatientSearch(raw: string | undefined | null): PatientSearch {
  const q = (raw ?? "").normalize("NFC").trim().replace(/\s+/g, " ").slice(0, 100);
  if (!q) return { kind: "all" };
  const date = parseDateInput(q);
  if (date) return { kind: "dob", date };
  if (q.includes("@")) return { kind: "email", value: q.toLowerCase() };
  if (/\d/.test(q)) return { kind: "chart", value: q.toUpperCase() };
  if (q.includes(",")) {
    const [last, first] = q.split(",").map((s) => s.trim());
    return { kind: "name", last: last || undefined, first: first || undefined };
  }
  const words = q.split(" ");
  if (words.length === 1) return { kind: "name", either: q };
  return { kind: "name", first: words[0], last: words.slice(1).join(" ") };
}
