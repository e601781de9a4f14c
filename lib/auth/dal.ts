// The data-access guard: every staff page and action calls requireStaff() itself; nothing relies on a proxy.
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { staffUsers } from "@/db/schema";
import { auth } from "./auth";
import { sessionTooOld } from "./session-limits";

export type CurrentStaff = { id: string; name: string; email: string; role: "admin" | "front_desk" };

/** The signed-in staff member, or null when the session is missing, revoked, expired or not staff. */
export const currentStaff = cache(async (): Promise<CurrentStaff | null> => {
  const session = await auth();
  if (!session?.user?.id || session.user.kind !== "staff") return null;
  if (sessionTooOld(session.signedInAt, new Date())) return null;
  const db = await getDb();
  const [staff] = await db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      active: staffUsers.active,
      sessionVersion: staffUsers.sessionVersion,
    })
    .from(staffUsers)
    .where(eq(staffUsers.id, session.user.id));
  // A bumped session_version (deactivation, sign out everywhere) revokes the JWT at its next request.
  if (!staff || !staff.active || staff.sessionVersion !== session.sessionVersion) return null;
  return { id: staff.id, name: staff.name, email: staff.email, role: staff.role };
});

/** For pages: sends anyone who is not signed-in staff to the staff sign-in. */
export async function requireStaff(): Promise<CurrentStaff> {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/login");
  return staff;
}
