"use server";
// Setting up a staff member's first second factor, right after their password (docs/security.md M1). The app is
// confirmed with a code (or a passkey is created and checked), ten recovery codes are made and shown once, and
// only then may the sign-in complete.
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { findStaffForCompletion } from "@/db/queries/sign-ins";
import type { AddAuthenticatorState } from "@/app/_components/authenticator-setup-form";
import { SIGN_IN_TIMED_OUT } from "@/app/_components/sign-in-timed-out";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { PASSKEY_BUSY } from "@/app/_lib/passkey-actions";
import { finishSignIn } from "@/lib/auth/finish-sign-in";
import { mayStartPasskeyCeremony } from "@/lib/auth/passkey-sign-in";
import { passPendingSignIn } from "@/lib/auth/pending-sign-in";
import { currentPendingSignIn, pendingSignInToken } from "@/lib/auth/pending-sign-in-cookie";
import { staffAuthenticatorLabel } from "@/lib/second-factor/staff-authenticator-label";
import { addAuthenticator } from "@/lib/second-factor/add-authenticator";
import { showAuthenticatorOfferAgain } from "@/lib/second-factor/authenticator-qr";
import { issueRecoveryCodes } from "@/lib/second-factor/recovery-codes";
import { addPasskeySchema } from "@/lib/validation/passkey";
import { addAuthenticatorSchema } from "@/lib/validation/second-step";
import { passkeyRegistrationOptions, savePasskey } from "@/lib/webauthn/register-passkey";

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

export type PasskeyRegistrationOptionsState = FormState<never, PublicKeyCredentialCreationOptionsJSON>;
export type SetUpPasskeyState = FormState<"response" | "name", { recoveryCodes: string[] }>;

const passkeyOptionsForm = formAction(
  { caller: "public", fields: {} },
  async (_input, context): Promise<PasskeyRegistrationOptionsState> => {
    const pending = await currentPendingSignIn("staff");
    if (!pending || pending.passed || pending.purpose !== "set_up") return { error: SIGN_IN_TIMED_OUT };
    const db = await getDb();
    const now = new Date();
    if (!(await mayStartPasskeyCeremony(db, { kind: "staff", address: await context.ipHash(), now })))
      return { error: PASSKEY_BUSY };
    const { accountName } = await staffAuthenticatorLabel(db, pending.owner.id);
    const staff = await findStaffForCompletion(db, pending.owner.id);
    const options = await passkeyRegistrationOptions(db, {
      owner: pending.owner,
      userName: accountName,
      userDisplayName: staff?.name ?? accountName,
      now,
    });
    return { result: options };
  },
);

export async function staffPasskeyRegistrationOptions(
  prev: PasskeyRegistrationOptionsState,
  form: FormData,
): Promise<PasskeyRegistrationOptionsState> {
  return passkeyOptionsForm(prev, form);
}

const PASSKEY_NOT_ADDED = {
  challenge: "Setting up the passkey took too long. Try again.",
  not_verified: "The passkey could not be checked. Try again, or set up an authenticator app instead.",
  already_added: "This passkey is already set up. Try again, or set up an authenticator app instead.",
} as const;

const setUpPasskeyForm = formAction(
  // No name is asked at set-up: blank reads as "Passkey".
  { caller: "public", fields: { response: "secret", name: "text" }, schema: addPasskeySchema },
  async (input): Promise<SetUpPasskeyState> => {
    const db = await getDb();
    const now = new Date();
    const pending = await currentPendingSignIn("staff");
    if (!pending || pending.passed || pending.purpose !== "set_up") return { error: SIGN_IN_TIMED_OUT };
    const saved = await savePasskey(db, { owner: pending.owner, response: input.response, name: input.name, now });
    if (!saved.ok) return { error: PASSKEY_NOT_ADDED[saved.reason] };
    const recoveryCodes = await db.transaction((tx) => issueRecoveryCodes(tx, { staffId: pending.owner.id, now }));
    await passPendingSignIn(db, { id: pending.id, method: "password+passkey_set_up", now });
    return { message: "Your passkey is set up.", result: { recoveryCodes } };
  },
);

export async function setUpStaffPasskey(prev: SetUpPasskeyState, form: FormData): Promise<SetUpPasskeyState> {
  return setUpPasskeyForm(prev, form);
}

const continueForm = formAction({ caller: "public", fields: {} }, async () => {
  const token = await pendingSignInToken();
  const pending = await currentPendingSignIn("staff");
  if (token && pending?.passed) await finishSignIn({ token }, "/admin");
  return { error: SIGN_IN_TIMED_OUT };
});

export async function continueStaffSignIn(prev: FormState<never>, form: FormData): Promise<FormState<never>> {
  return continueForm(prev, form);
}
