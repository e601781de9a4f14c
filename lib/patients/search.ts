// Turns what staff type in the patient search box into one kind of lookup.
export type PatientSearch =
  | { kind: "all" }
  | { kind: "dob"; date: string }
  | { kind: "email"; value: string }
  | { kind: "chart"; value: string }
  | { kind: "name"; first?: string; last?: string; either?: string };

const pad = (n: string) => n.padStart(2, "0");

/** Accepts 03/14/1962, 3-14-1962 and 1962-03-14; returns YYYY-MM-DD or null if not a real date. */
export function parseDateInput(text: string): string | null {
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  let y: string, mo: string, d: string;
  if (m) [, mo, d, y] = m;
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) [, y, mo, d] = m;
  else return null;
  const iso = `${y}-${pad(mo)}-${pad(d)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
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
