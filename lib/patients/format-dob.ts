/** A stored calendar date (YYYY-MM-DD) as US staff read it, with no time zone involved. */
export function formatDob(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${m}/${d}/${y}`;
}
