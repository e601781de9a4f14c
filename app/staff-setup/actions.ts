"use server";
// Completes a staff invitation: validate, rate-limit bad links, use the link and set the password, then send
// the new member to sign in (never signed in automatically).
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { completeStaffSetup } from "@/lib/staff/complete-staff-setup";
import { clientIpFrom, ipHash } from "@/lib/http/client-ip";
import { forgetLinkToken } from "@/lib/http/link-token";
import { runWithinBadLinkLimit } from "@/lib/rate-limit/limit-bad-links";
import { staffSetupSchema } from "@/lib/validation/staff-admin";
import { fieldErrors } from "@/app/_components/form-state";
import type { StaffSetupField, StaffSetupState } from "./state";

export async function completeStaffSetupAction(_prev: StaffSetupState, form: FormData): Promise<StaffSetupState> {
  const raw = Object.fromEntries(
    ["token", "password", "confirm"].map((k) => [k, typeof form.get(k) === "string" ? form.get(k) : ""]),
  );
  const parsed = staffSetupSchema.safeParse(raw);
  if (!parsed.success) return { errors: fieldErrors<StaffSetupField>(parsed.error) };
  if (parsed.data.password !== parsed.data.confirm) {
    return { errors: { confirm: ["The two passwords do not match. Type the same password in both boxes."] } };
  }

  const db = await getDb();
  const now = new Date();
  const address = ipHash(clientIpFrom(await headers()));
  const result = await runWithinBadLinkLimit(db, { address, now }, () =>
    completeStaffSetup(db, { token: parsed.data.token, password: parsed.data.password, now }),
  );
  if (!result.ok) {
    if (result.reason === "password") return { errors: { password: [result.message] } };
    return { linkProblem: result.state };
  }
  await forgetLinkToken("/staff-setup");
  redirect("/admin/login?setup=done");
}
