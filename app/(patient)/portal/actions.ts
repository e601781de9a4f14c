"use server";
// The signed-in patient's actions. The wrapper checks the session before anything is read; writes are scoped
// to the caller's own account, whatever the request carries.
import { getTranslations } from "next-intl/server";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { getDb } from "@/db/client";
import { changePassword } from "@/lib/accounts/change-password";
import { signOutPatientEverywhere } from "@/lib/accounts/sign-out-everywhere";
import { signOut } from "@/lib/auth/auth";
import { endSession } from "@/lib/auth/end-session";
import { setFlash } from "@/lib/http/flash";
import { requestLocale } from "@/lib/i18n/request-locale";
import { changePasswordSchema } from "@/lib/validation/account-link";
import { kickWorkers } from "@/lib/workers/kick";

export type ChangePasswordState = FormState<"current" | "password" | "confirm">;

// Signing out needs no session check of its own: it only ends the caller's own session, if any.
const signOutForm = formAction({ caller: "public", fields: {} }, async () => {
  await setFlash({ kind: "signed_out" });
  await endSession({ redirectTo: "/login", reason: "signed_out" });
  return {};
});

const idleSignOutForm = formAction({ caller: "public", fields: {} }, async () => {
  await endSession({ redirectTo: "/login?reason=idle", reason: "idle" });
  return {};
});

const everywhereForm = formAction({ caller: "patient", fields: {} }, async (_input, { caller }) => {
  await signOutPatientEverywhere(await getDb(), { patientId: caller.patientId });
  await setFlash({ kind: "signed_out" });
  await signOut({ redirectTo: "/login" });
  return {};
});

const changePasswordForm = formAction(
  {
    caller: "patient",
    fields: { current: "secret", password: "secret", confirm: "secret" },
    schema: changePasswordSchema,
  },
  async (input, { caller }): Promise<ChangePasswordState> => {
    const t = await getTranslations("portal.password");
    if (input.password !== input.confirm) return { errors: { confirm: [t("noMatch")] } };
    const result = await changePassword(await getDb(), {
      patientId: caller.patientId,
      current: input.current,
      password: input.password,
      now: new Date(),
      locale: await requestLocale(),
    });
    if (!result.ok) {
      // The new password's refusal comes in the page's language already; the wrong current one is ours to say.
      return { errors: { [result.field]: [result.field === "current" ? t("currentWrong") : result.message] } };
    }
    kickWorkers();
    await setFlash({ kind: "password_changed", username: caller.username });
    await signOut({ redirectTo: "/login" });
    return {};
  },
);

export async function signOutPatient() {
  await signOutForm();
}

export async function signOutIdlePatient() {
  await idleSignOutForm();
}

export async function signOutEverywhere() {
  await everywhereForm();
}

export async function changePatientPassword(prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  return changePasswordForm(prev, form);
}
