// Finds test secrets (passwords, tokens, second-factor codes, dates of birth, ZIPs, names, emails) in database rows
// (docs/security.md A2, T2, M5, M7).
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";

export type SecretKind = "password" | "token" | "code" | "credential" | "dob" | "zip" | "name" | "email" | "username";
export type Secret = { kind: SecretKind; label: string; value: string };
export type Leak = { table: string; secret: Secret; row: string };

/** A set of secrets, each kept with why it is secret; blank and very short values are refused (they would match anything). */
export class SecretBook {
  readonly all: Secret[] = [];

  add(kind: SecretKind, label: string, value: string | null | undefined) {
    if (value == null) return;
    const v = value.trim();
    if (v.length < 4) throw new Error(`Secret ${label} is too short to scan for: ${JSON.stringify(value)}`);
    if (!this.all.some((s) => s.value.toLowerCase() === v.toLowerCase())) this.all.push({ kind, label, value: v });
  }

  /** A date of birth in the ways it could be written: 1957-11-23, 11/23/1957, 11-23-1957, 11231957, 19571123, 23/11/1957. */
  addDob(label: string, iso: string) {
    const [y, m, d] = iso.split("-");
    for (const v of [
      iso,
      `${m}/${d}/${y}`,
      `${Number(m)}/${Number(d)}/${y}`,
      `${m}-${d}-${y}`,
      `${m}${d}${y}`,
      `${y}${m}${d}`,
      `${d}/${m}/${y}`,
    ]) {
      this.add("dob", `${label} as ${v}`, v);
    }
  }

  /** A ZIP as typed and in its other forms: 80917-4321, 809174321, 80917. */
  addZip(label: string, zip: string) {
    const digits = zip.replace(/\D/g, "");
    this.add("zip", label, zip);
    this.add("zip", `${label} (digits)`, digits);
    this.add("zip", `${label} (5 digits)`, digits.slice(0, 5));
  }

  of(...kinds: SecretKind[]): Secret[] {
    return this.all.filter((s) => kinds.includes(s.kind));
  }
}

// Secrets made only of digits and punctuation could otherwise "appear" inside a hex hash, a UUID or a
// timestamp's fractions; they count only when not glued to other hex digits.
const NUMERIC = /^[0-9/-]+$/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function matcher(secret: Secret): RegExp {
  const body = escapeRegExp(secret.value.toLowerCase());
  if (!NUMERIC.test(secret.value)) return new RegExp(body);
  // A six-digit code would also "appear" as the microseconds of any timestamp (".402917+00:00").
  return secret.kind === "code"
    ? new RegExp(`(?<![0-9a-f.])${body}(?![0-9a-f])`)
    : new RegExp(`(?<![0-9a-f])${body}(?![0-9a-f])`);
}

/** Every row of a query as one lower-cased JSON text (the query must return a single `row` column of jsonb/json). */
export async function dumpRows(db: Pick<Db, "execute">, query: SQL): Promise<string[]> {
  const rows = await queryRows<{ row: unknown }>(db, query);
  return rows.map((r) => (typeof r.row === "string" ? r.row : JSON.stringify(r.row)).toLowerCase());
}

export function findLeaks(table: string, rows: string[], secrets: Secret[]): Leak[] {
  const leaks: Leak[] = [];
  for (const secret of secrets) {
    const re = matcher(secret);
    for (const row of rows)
      if (re.test(row)) leaks.push({ table, secret, row: row.length > 400 ? `${row.slice(0, 400)}…` : row });
  }
  return leaks;
}

export const describeLeaks = (leaks: Leak[]) =>
  leaks.map((l) => `${l.table}: ${l.secret.kind} "${l.secret.value}" (${l.secret.label}) in ${l.row}`).join("\n");

/** Every table in the public schema, as JSON rows, minus the named columns (for whole-database dumps). */
export async function dumpDatabase(
  db: Pick<Db, "execute">,
  omit: Record<string, string[]> = {},
): Promise<Record<string, string[]>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    const minus = (omit[name] ?? []).map((c) => ` - '${c.replace(/'/g, "''")}'`).join("");
    out[name] = await dumpRows(db, sql.raw(`select to_jsonb(t)${minus} as row from "${name.replace(/"/g, '""')}" t`));
  }
  return out;
}
