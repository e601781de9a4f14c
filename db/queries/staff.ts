// Staff reads for the admin pages: the staff list (never a password hash) and the names for filters.
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { toDate } from "../rows";
import { staffUsers } from "../schema";

export type StaffListRow = {
  id: string;
  name: string;
  email: string;
  role: "admin" | "front_desk";
  active: boolean;
  lastLoginAt: Date | null;
  hasPassword: boolean;
  /** When the newest unused invitation stops working, if there is one. */
  inviteExpiresAt: Date | null;
  /** How many second factors (authenticator apps, passkeys) they have set up. */
  secondFactors: number;
};

export async function listStaff(db: Db): Promise<StaffListRow[]> {
  return db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      active: staffUsers.active,
      lastLoginAt: staffUsers.lastLoginAt,
      hasPassword: sql<boolean>`${staffUsers.passwordHash} is not null`,
      // Qualified by hand: inside a subquery drizzle would print the bare "id", which means account_tokens.id there.
      inviteExpiresAt: sql<Date | null>`(
        select max(t.expires_at) from account_tokens t
        where t.staff_user_id = "staff_users"."id" and t.purpose = 'staff_invite' and t.used_at is null and t.revoked_at is null
      )`.mapWith(toDate),
      secondFactors: sql<number>`(
        select count(*) from second_factors f where f.staff_user_id = "staff_users"."id"
      )`.mapWith(Number),
    })
    .from(staffUsers)
    .orderBy(desc(staffUsers.active), asc(sql`lower(${staffUsers.name})`), asc(staffUsers.id));
}

/** Every staff member (deactivated ones too: their past actions stay in the trail), for a filter. */
export async function staffOptions(db: Db): Promise<{ id: string; name: string; active: boolean }[]> {
  return db
    .select({ id: staffUsers.id, name: staffUsers.name, active: staffUsers.active })
    .from(staffUsers)
    .orderBy(asc(sql`lower(${staffUsers.name})`), asc(staffUsers.id));
}

export async function findStaffEmail(db: Db | Tx, staffId: string): Promise<string | null> {
  const [row] = await db.select({ email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, staffId));
  return row?.email ?? null;
}

/** One staff member as the admin's confirm pages show them: no password hash, no factor secret. */
export async function findStaffSummary(db: Db | Tx, staffId: string) {
  const [row] = await db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      active: staffUsers.active,
      secondFactors: sql<number>`(
        select count(*) from second_factors f where f.staff_user_id = "staff_users"."id"
      )`.mapWith(Number),
    })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId));
  return row ?? null;
}

export async function findStaffIdByEmail(db: Db, email: string): Promise<string | null> {
  const [row] = await db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, email.toLowerCase()));
  return row?.id ?? null;
}
