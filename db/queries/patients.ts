// Patient reads for the staff pages: the searchable, keyset-paginated list, status counts, and one patient's dash.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows, toDate } from "../rows";
import {
  PORTAL_STATUS_KINDS,
  portalStatusOf,
  type ChartStatus,
  type PortalStatus,
  type PortalStatusKind,
} from "../portal-status";

/** What staff typed in the patient search box, as one kind of lookup (lib/patients/search.ts reads it). */
export type PatientSearch =
  | { kind: "all" }
  | { kind: "dob"; date: string }
  | { kind: "email"; value: string }
  | { kind: "chart"; value: string }
  | { kind: "name"; first?: string; last?: string; either?: string };

/** Counting stops one past this, so a count costs the same at 10 thousand patients as at 10 million. */
export const PATIENT_COUNT_CAP = 10_000;

const ACCOUNT_JOIN = sql.raw(`left join portal_accounts a on a.patient_id = p.id`);
// The newest setup link sent to each patient (aliased l), for the invitation details of Unactivated patients.
const LATEST_SETUP_LINK = sql.raw(`left join lateral (
    select t.created_at, t.expires_at, t.used_at, t.revoked_at from account_tokens t
    where t.patient_id = p.id and t.purpose = 'setup'
    order by t.created_at desc limit 1
  ) l on true`);

const likePrefix = (s: string) => `${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const lastNameLike = (prefix: string) => sql`lower(p.last_name) like ${likePrefix(prefix)}`;
const firstNameLike = (prefix: string) => sql`lower(p.first_name) like ${likePrefix(prefix)}`;

export function searchCondition(search: PatientSearch): SQL {
  switch (search.kind) {
    case "all":
      return sql`true`;
    case "dob":
      return sql`p.date_of_birth = ${search.date}::date`;
    case "email":
      return sql`lower(p.email) like ${likePrefix(search.value)}`;
    case "chart":
      return sql`upper(p.chart_number) like ${`${search.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
    case "name": {
      const parts: SQL[] = [];
      if (search.last) parts.push(lastNameLike(search.last));
      if (search.first) parts.push(firstNameLike(search.first));
      if (search.either) parts.push(sql`(${lastNameLike(search.either)} or ${firstNameLike(search.either)})`);
      return sql.join(parts, sql` and `);
    }
  }
}

/** Where a page's candidates come from: a row source aliased p (id, names, stored status) and its conditions. */
type PageSource = { from: SQL; where: SQL[] };

// A search's matches are gathered through their own index first (the fence: "offset 0") and then sorted. Left to
// itself the planner walks the list-order index and filters, which reads nearly the whole table when the matches
// sit together late in that order, as every last name starting "yael" does. First-name matches are spread through
// the list order, so for them the planner's choice stands (a short walk when they are common). With no search,
// the list-order (or status + list-order) index gives the page directly.
function pageSources(search: PatientSearch): PageSource[] {
  const fenced = (condition: SQL) => ({
    from: sql`(select p.id, p.last_name, p.first_name, p.portal_status from patients p where ${condition} offset 0) p`,
    where: [],
  });
  if (search.kind === "all") return [{ from: sql`patients p`, where: [] }];
  if (search.kind === "name" && search.either && !search.first && !search.last) {
    return [fenced(lastNameLike(search.either)), { from: sql`patients p`, where: [firstNameLike(search.either)] }];
  }
  return [fenced(searchCondition(search))];
}

export type PatientListRow = {
  id: string;
  chartNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string | null;
  status: PortalStatus;
};

type RawRow = {
  id: string;
  chart_number: string;
  first_name: string;
  last_name: string;
  dob: string;
  email: string | null;
  zip: string | null;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  state: string | null;
  photo_url: string | null;
  preferred_language: "en" | "es";
  version: number;
  portal_status: PortalStatusKind;
  chart_status: ChartStatus;
  portal_access_enabled: boolean;
  account_created_at: unknown;
  activated_at: unknown;
  last_login_at: unknown;
  username: string | null;
  link_created_at: unknown;
  link_expires_at: unknown;
  link_used_at: unknown;
  link_revoked_at: unknown;
};

const ROW_COLUMNS = sql.raw(`p.id, p.chart_number, p.first_name, p.last_name, p.date_of_birth::text as dob,
  p.email, p.zip, p.phone, p.address_line1, p.address_line2, p.city, p.state, p.photo_url, p.preferred_language, p.version,
  p.portal_status, p.chart_status, p.portal_access_enabled, a.username,
  a.created_at as account_created_at, a.activated_at, a.last_login_at,
  l.created_at as link_created_at, l.expires_at as link_expires_at, l.used_at as link_used_at,
  l.revoked_at as link_revoked_at`);

function statusOf(r: RawRow, now: Date): PortalStatus {
  const accountCreatedAt = toDate(r.account_created_at);
  const linkCreatedAt = toDate(r.link_created_at);
  return portalStatusOf({
    stored: r.portal_status,
    portalAccessEnabled: r.portal_access_enabled,
    email: r.email,
    zip: r.zip,
    chartStatus: r.chart_status,
    account: accountCreatedAt
      ? { createdAt: accountCreatedAt, activatedAt: toDate(r.activated_at), lastLoginAt: toDate(r.last_login_at) }
      : null,
    latestSetupLink: linkCreatedAt
      ? {
          createdAt: linkCreatedAt,
          expiresAt: toDate(r.link_expires_at)!,
          usedAt: toDate(r.link_used_at),
          revokedAt: toDate(r.link_revoked_at),
        }
      : null,
    now,
  });
}

/** Keyset cursor over (last_name, first_name, id): page 50 costs what page 1 does. */
export type Cursor = { last: string; first: string; id: string };
export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.last, c.first, c.id])).toString("base64url");
// What no stored name holds (controls, line separators, bidi controls, lone surrogates).
const CURSOR_FORBIDDEN = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;

export function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  try {
    const [last, first, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    // Names as stored (no control characters) and a real UUID: anything else was edited, and would only fail
    // in the query.
    if (
      [last, first].every((v) => typeof v === "string" && !CURSOR_FORBIDDEN.test(v)) &&
      typeof id === "string" &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ) {
      return { last, first, id };
    }
  } catch {
    // an edited or truncated cursor just starts from the first page
  }
  return null;
}

export async function listPatients(
  db: Db,
  opts: {
    search: PatientSearch;
    status?: PortalStatusKind;
    after?: Cursor | null;
    before?: Cursor | null;
    limit: number;
    now: Date;
  },
): Promise<{ rows: PatientListRow[]; next: Cursor | null; prev: Cursor | null }> {
  const where: SQL[] = [];
  if (opts.status) where.push(sql`p.portal_status = ${opts.status}::portal_status`);
  const backwards = !opts.after && !!opts.before;
  const cursor = opts.after ?? opts.before;
  if (cursor) {
    where.push(
      backwards
        ? sql`(p.last_name, p.first_name, p.id) < (${cursor.last}, ${cursor.first}, ${cursor.id}::uuid)`
        : sql`(p.last_name, p.first_name, p.id) > (${cursor.last}, ${cursor.first}, ${cursor.id}::uuid)`,
    );
  }
  const direction = sql.raw(backwards ? "desc" : "asc");
  const order = sql`order by p.last_name ${direction}, p.first_name ${direction}, p.id ${direction}`;
  const limit = opts.limit + 1;
  const branches = pageSources(opts.search).map(
    (s) => sql`(select p.id, p.last_name, p.first_name from ${s.from}
                where ${sql.join([...s.where, ...where, sql`true`], sql` and `)} ${order} limit ${limit})`,
  );
  // A patient matching two branches comes once (union), then only the page's rows are read whole and joined to
  // their account and newest setup link.
  const pageIds =
    branches.length === 1
      ? branches[0]
      : sql`(select * from (${sql.join(branches, sql` union `)}) p ${order} limit ${limit})`;
  const raw = await queryRows<RawRow>(
    db,
    sql`select ${ROW_COLUMNS}
        from ${pageIds} page join patients p on p.id = page.id ${ACCOUNT_JOIN} ${LATEST_SETUP_LINK}
        ${order}`,
  );
  const more = raw.length > opts.limit;
  const page = raw.slice(0, opts.limit);
  if (backwards) page.reverse();
  const rows = page.map((r) => ({
    id: r.id,
    chartNumber: r.chart_number,
    firstName: r.first_name,
    lastName: r.last_name,
    dateOfBirth: r.dob,
    email: r.email,
    status: statusOf(r, opts.now),
  }));
  const edge = (r: PatientListRow | undefined) => (r ? { last: r.lastName, first: r.firstName, id: r.id } : null);
  const hasNext = backwards ? !!cursor : more;
  const hasPrev = backwards ? more : !!cursor;
  return { rows, next: hasNext ? edge(rows.at(-1)) : null, prev: hasPrev ? edge(rows[0]) : null };
}

/**
 * Patients per status for the list's filter. Each status count stops at `cap` + 1 (shown as "10,000+"): past that
 * staff narrow the search rather than read the number, and an exact count of a million rows costs a million rows.
 * All is their sum, or `cap` + 1 when any of them stopped.
 */
export async function countPatientsByStatus(
  db: Db,
  search: PatientSearch,
  cap = PATIENT_COUNT_CAP,
): Promise<Record<PortalStatusKind, number> & { all: number }> {
  // Each status's matches come from an index led by the status (no search: the status index; a name: the status +
  // lower(name) indexes), read without the table. Planned as one "last or first name" condition, PostgreSQL walks
  // a whole status in list order filtering names (hundreds of ms at 1M patients), so a one-word search is two
  // ranges: last-name matches, then first-name matches whose last name did not already match (each patient once).
  const sources =
    search.kind === "name" && search.either && !search.first && !search.last
      ? [lastNameLike(search.either), sql`${firstNameLike(search.either)} and not ${lastNameLike(search.either)}`]
      : [searchCondition(search)];
  const capped = (status: PortalStatusKind) =>
    sql`(select count(*) from (${sql.join(
      sources.map(
        (condition) => sql`select 1 from patients p where p.portal_status = ${status}::portal_status and ${condition}`,
      ),
      sql` union all `,
    )} limit ${cap + 1}) s)`;
  const [r] = await queryRows<Record<PortalStatusKind, number | string>>(
    db,
    sql`select ${sql.join(
      PORTAL_STATUS_KINDS.map((k) => sql`${capped(k)} as ${sql.raw(k)}`),
      sql`, `,
    )}`,
  );
  const counts = { inactive: Number(r.inactive), unactivated: Number(r.unactivated), active: Number(r.active) };
  const values = Object.values(counts);
  const all = values.some((n) => n > cap) ? cap + 1 : values.reduce((a, b) => a + b, 0);
  return { ...counts, all };
}

export type PatientDash = {
  id: string;
  chartNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string | null;
  zip: string | null;
  phone: string | null;
  addressParts: { line1: string | null; line2: string | null; city: string | null; state: string | null };
  photoUrl: string | null;
  chartStatus: ChartStatus;
  portalAccessEnabled: boolean;
  preferredLanguage: "en" | "es";
  username: string | null;
  version: number;
  status: PortalStatus;
};

export async function getPatientDash(db: Db, id: string, now: Date): Promise<PatientDash | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [r] = await queryRows<RawRow>(
    db,
    sql`select ${ROW_COLUMNS} from patients p ${ACCOUNT_JOIN} ${LATEST_SETUP_LINK} where p.id = ${id}::uuid`,
  );
  if (!r) return null;
  return {
    id: r.id,
    chartNumber: r.chart_number,
    firstName: r.first_name,
    lastName: r.last_name,
    dateOfBirth: r.dob,
    email: r.email,
    zip: r.zip,
    phone: r.phone,
    addressParts: { line1: r.address_line1, line2: r.address_line2, city: r.city, state: r.state },
    photoUrl: r.photo_url,
    chartStatus: r.chart_status,
    portalAccessEnabled: r.portal_access_enabled,
    preferredLanguage: r.preferred_language,
    username: r.username,
    version: r.version,
    status: statusOf(r, now),
  };
}
