"use server";
import { signOut } from "@/lib/auth/auth";

export async function signOutStaff() {
  // Signing out needs no session of its own; it only clears this browser's.
  await signOut({ redirectTo: "/admin/login" });
}
