"use server";
// The signed-in patient's actions. Each checks the session itself.
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/auth";
import { endSession } from "@/lib/auth/end-session";
import { currentPatient } from "@/lib/auth/dal";
import { changePassword } from "@/lib/accounts/change-password";
import { signOutPatientEverywhere } from "@/lib/accounts/sign-out-everywhere";
import { setFlash } from "@/lib/http/flash";
import { kickWorkers } from "@/lib/workers/kick";

export async function signOutPatient() {
  await setFlash({ kind: "signed_out" });
  await endSession({ redirectTo: "/login", reason: "signed_out" });
}

export async function signOutIdlePatient() {
  await endSession({ redirectTo: "/login?reason=idle", reason: "idle" });
}

export async function signOutEverywhere() {
  const patient = await currentPatient();
  if (!patient) redirect("/login");
  await signOutPatientEverywhere(await getDb(), { patientId: patient.patientId });
  await setFlash({ kind: "signed_out" });
  await signOut({ redirectTo: "/login" });
}

export type ChangePasswordState = {
  errors?: Partial<Record<"current" | "password" | "confirm", string[]>>;
  message?: string;
};

const schema = z.object({
  current: z.string().min(1, "Enter your current password").max(1000),
  password: z.string().min(1, "Enter a new password").max(1000),
  confirm: z.string().max(1000),
});

export async function changePatientPassword(_prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const patient = await currentPatient();
  if (!patient) redirect("/login");
  const parsed = schema.safeParse({
    current: form.get("current") ?? "",
    password: form.get("password") ?? "",
    confirm: form.get("confirm") ?? "",
  });
  if (!parsed.success) return { errors: z.flattenError(parsed.error).fieldErrors };
  if (parsed.data.password !== parsed.data.confirm)
    return { errors: { confirm: ["The two new passwords do not match."] } };
  const result = await changePassword(await getDb(), {
    patientId: patient.patientId,
    current: parsed.data.current,
    password: parsed.data.password,
    now: new Date(),
  });
  if (!result.ok) return { errors: { [result.field]: [result.message] } };
  kickWorkers();
  await setFlash({ kind: "password_changed", username: patient.username });
  await signOut({ redirectTo: "/login" });
  return {};
}
