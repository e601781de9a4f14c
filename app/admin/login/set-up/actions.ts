"use server";
// Setting up a staff member's first second factor, right after their password (docs/security.md M1). The app is
// confirmed with a code, ten recovery codes are made and shown once, and only then may the sign-in complete.
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { AddAuthenticatorState } from "@/app/_components/authenticator-setup-form";
import { SIGN_IN_TIMED_OUT } from "@/app/_components/sign-in-timed-out";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { finishSignIn } from "@/lib/auth/finish-sign-in";
import { passPendingSignIn } from "@/lib/auth/pending-sign-in";
import { currentPendingSignIn, pendingSignInToken } from "@/lib/auth/pending-sign-in-cookie";
import { staffAuthenticatorLabel } from "@/lib/second-factor/staff-authenticator-label";
import { addAuthenticator } from "@/lib/second-factor/add-authenticator";
import { showAuthenticatorOfferAgain } from "@/lib/second-factor/authenticator-qr";
import { issueRecoveryCodes } from "@/lib/second-factor/recovery-codes";
import { addAuthenticatorSchema } from "@/lib/validation/second-step";

const setUpForm = formAction(
  {
    caller: "public",
    fields: { offer: "text", code: "secret", name: "text" },
    schema: addAuthenticatorSchema,
    hidden: ["offer"],
    echoLimit: { offer: 1_000 },
  },
  async (input): Promise<AddAuthenticatorState> => {
    const db = await getDb();
    const now = new Date();
    const pending = await currentPendingSignIn("staff");
    if (!pending || pending.passed || pending.purpose !== "set_up") return { error: SIGN_IN_TIMED_OUT };
    const added = await addAuthenticator(db, { owner: pending.owner, sealedOffer: input.offer, ...input, now });
    if (!added.ok) {
      const label = await staffAuthenticatorLabel(db, pending.owner.id);
      const offer = await showAuthenticatorOfferAgain(input.offer, { owner: pending.owner, ...label, now });
      if (!offer) redirect("/admin/login/set-up");
      return {
        errors: { code: ["That code did not work. Check that the app shows this practice and try the newest code."] },
        result: { offer },
      };
    }
    const recoveryCodes = await db.transaction((tx) => issueRecoveryCodes(tx, { staffId: pending.owner.id, now }));
    await passPendingSignIn(db, { id: pending.id, method: "password+totp_set_up", now });
    return { message: "Your authenticator app is set up.", result: { recoveryCodes } };
  },
);

export async function setUpStaffAuthenticator(
  prev: AddAuthenticatorState,
  form: FormData,
): Promise<AddAuthenticatorState> {
  return setUpForm(prev, form);
}

const continueForm = formAction({ caller: "public", fields: {} }, async () => {
  const token = await pendingSignInToken();
  const pending = await currentPendingSignIn("staff");
  if (token && pending?.passed) await finishSignIn(token, "/admin");
  return { error: SIGN_IN_TIMED_OUT };
});

export async function continueStaffSignIn(prev: FormState<never>, form: FormData): Promise<FormState<never>> {
  return continueForm(prev, form);
}
