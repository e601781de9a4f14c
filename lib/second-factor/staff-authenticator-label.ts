// How a staff member's entry reads in their authenticator app: the practice, then their email.
import type { Db } from "@/db/client";
import { findStaffEmail } from "@/db/queries/staff";
import { getConfig } from "@/lib/config";

export async function staffAuthenticatorLabel(db: Db, staffId: string) {
  return { issuer: getConfig().PRACTICE_NAME, accountName: (await findStaffEmail(db, staffId)) ?? "staff" };
}
