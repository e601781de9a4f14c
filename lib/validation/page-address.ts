// Page addresses nobody's link produces: a parameter holding NUL or another control character, or a staff list
// cursor that was edited. The proxy answers these with a 400 page before any page runs (docs/security.md R3);
// the page parsers refuse the same values themselves, so nothing of them reaches a query either way.
import { decodeCursor } from "@/db/queries/patients";

/** Controls (C0, DEL, C1), line and paragraph separators, bidirectional controls and lone surrogate halves. */
export const QUERY_FORBIDDEN = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;

export const queryTextAllowed = (s: string) => !QUERY_FORBIDDEN.test(s);

/** Why this address cannot be served, or null when it can. */
export function staffPageAddressProblem(url: URL): string | null {
  for (const [name, value] of url.searchParams) {
    if (!queryTextAllowed(name) || !queryTextAllowed(value)) return "control_character";
  }
  if (url.pathname === "/admin") {
    for (const name of ["after", "before"]) {
      const c = url.searchParams.get(name);
      if (c !== null && c !== "" && !decodeCursor(c)) return "bad_cursor";
    }
  }
  return null;
}
