"use server";
import { formAction } from "@/app/_lib/form-action";
import { endSession } from "@/lib/auth/end-session";

// Signing out needs no session check of its own: it only ends the caller's own session, if any.
const signOutForm = formAction({ caller: "public", fields: {} }, async () => {
  await endSession({ redirectTo: "/admin/login", reason: "signed_out" });
  return {};
});

const idleSignOutForm = formAction({ caller: "public", fields: {} }, async () => {
  await endSession({ redirectTo: "/admin/login?reason=idle", reason: "idle" });
  return {};
});

export async function signOutStaff() {
  await signOutForm();
}

export async function signOutIdleStaff() {
  await idleSignOutForm();
}
