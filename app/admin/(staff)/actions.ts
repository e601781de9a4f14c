"use server";
import { endSession } from "@/lib/auth/end-session";

// Signing out needs no check of its own: it only ends the caller's own session.
export async function signOutStaff() {
  await endSession({ redirectTo: "/admin/login", reason: "signed_out" });
}

export async function signOutIdleStaff() {
  await endSession({ redirectTo: "/admin/login?reason=idle", reason: "idle" });
}
