// Patient reads for the staff pages: the searchable, keyset-paginated list, status counts, and one patient's dash.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows, toDate } from "../rows";
import {
  FROM_PATIENTS_WITH_ACCOUNT,
  LATEST_SETUP_LINK,
  REASONS_SQL,
  STATUS_SQL,
} from "./portal-status-sql";
import {
  computePortalStatus,
  type ChartStatus,
  type PortalStatus,
  type PortalStatusKind,
} from "@/lib/patients/portal-status";
import type { PatientSearch } from "@/lib/patients/search";
import { addressLines } from "@/lib/patients/format-address";

const likePrefix = (s: string) => `${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function searchCondition(search: PatientSearch): SQL {
  switch (search.kind) {
    case "all":
      return sql`true`;
    case "dob":
      return sql`p.date_of_birth = ${search.date}::date`;
    case "email":
      return sql`lower(p.email) like ${likePrefix(search.value)}`;
    case "chart":
      return sql`upper(p.chart_number) like ${search.value.replace(/[\\%_]/g, (c) => `\\${c}`) + "%"}`;
    case "name": {
      const parts: SQL[] = [];
      if (search.last) parts.push(sql`lower(p.last_name) like ${likePrefix(search.last)}`);
      if (search.first) parts.push(sql`lower(p.first_name) like ${likePrefix(search.first)}`);
      if (search.either) {
        parts.push(
          sql`(lower(p.last_name) like ${likePrefix(search.either)} or lower(p.first_name) like ${likePrefix(search.either)})`,
        );
      }
      return sql.join(parts, sql` and `);
    }
  }
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
  version: number;
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
  p.email, p.zip, p.phone, p.address_line1, p.address_line2, p.city, p.state, p.photo_url, p.version,
  p.chart_status, p.portal_access_enabled, a.username,
  a.created_at as account_created_at, a.activated_at, a.last_login_at,
  l.created_at as link_created_at, l.expires_at as link_expires_at, l.used_at as link_used_at,
  l.revoked_at as link_revoked_at`);

function statusOf(r: RawRow, now: Date): PortalStatus {
  const accountCreatedAt = toDate(r.account_created_at);
  const linkCreatedAt = toDate(r.link_created_at);
  return computePortalStatus({
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
export function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  try {
    const [last, first, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if ([last, first, id].every((v) => typeof v === "string") && /^[0-9a-f-]{36}$/.test(id)) return { last, first, id };
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
  const where: SQL[] = [searchCondition(opts.search)];
  if (opts.status) where.push(sql`${STATUS_SQL} = ${opts.status}`);
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
  const raw = await queryRows<RawRow>(
    db,
    sql`select ${ROW_COLUMNS} from ${FROM_PATIENTS_WITH_ACCOUNT} ${LATEST_SETUP_LINK}
        where ${sql.join(where, sql` and `)}
        order by p.last_name ${direction}, p.first_name ${direction}, p.id ${direction}
        limit ${opts.limit + 1}`,
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

export async function countPatientsByStatus(
  db: Db,
  search: PatientSearch,
): Promise<Record<PortalStatusKind, number> & { all: number }> {
  const raw = await queryRows<{ status: PortalStatusKind; n: number | string }>(
    db,
    sql`select ${STATUS_SQL} as status, count(*) as n from ${FROM_PATIENTS_WITH_ACCOUNT}
        where ${searchCondition(search)} group by 1`,
  );
  const counts = { inactive: 0, unactivated: 0, active: 0, all: 0 };
  for (const r of raw) {
    counts[r.status] = Number(r.n);
    counts.all += Number(r.n);
  }
  return counts;
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
  address: string[];
  addressParts: { line1: string | null; line2: string | null; city: string | null; state: string | null };
  photoUrl: string | null;
  chartStatus: ChartStatus;
  portalAccessEnabled: boolean;
  username: string | null;
  version: number;
  status: PortalStatus;
  /** The SQL view of the same status, so the page can never disagree with the list. */
  sqlStatus: PortalStatusKind;
  sqlReasons: string[];
};

export async function getPatientDash(db: Db, id: string, now: Date): Promise<PatientDash | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [r] = await queryRows<RawRow & { status: PortalStatusKind; reasons: string[] }>(
    db,
    sql`select ${ROW_COLUMNS}, ${STATUS_SQL} as status, ${REASONS_SQL} as reasons
        from ${FROM_PATIENTS_WITH_ACCOUNT} ${LATEST_SETUP_LINK} where p.id = ${id}::uuid`,
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
    address: addressLines({ line1: r.address_line1, line2: r.address_line2, city: r.city, state: r.state, zip: r.zip }),
    addressParts: { line1: r.address_line1, line2: r.address_line2, city: r.city, state: r.state },
    photoUrl: r.photo_url,
    chartStatus: r.chart_status,
    portalAccessEnabled: r.portal_access_enabled,
    username: r.username,
    version: r.version,
    status: statusOf(r, now),
    sqlStatus: r.status,
    sqlReasons: r.reasons,
  };
}
