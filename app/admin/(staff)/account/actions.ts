"use server";
// A staff member's own second steps: add an authenticator app or a passkey, remove one (never the last), and make
// new recovery codes after typing their password again. Each action works on the caller's own account only.
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import type { AddAuthenticatorState } from "@/app/_components/authenticator-setup-form";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { getDb } from "@/db/client";
import { staffRef } from "@/lib/second-factor/account-ref";
import { addAuthenticator } from "@/lib/second-factor/add-authenticator";
import { showAuthenticatorOfferAgain } from "@/lib/second-factor/authenticator-qr";
import { regenerateRecoveryCodes } from "@/lib/second-factor/regenerate-recovery-codes";
import { removeSecondFactors } from "@/lib/second-factor/remove-second-factors";
import { staffAuthenticatorLabel } from "@/lib/second-factor/staff-authenticator-label";
import { addPasskeySchema } from "@/lib/validation/passkey";
import { addAuthenticatorSchema } from "@/lib/validation/second-step";
import { regenerateRecoveryCodesSchema, removeStaffFactorSchema } from "@/lib/validation/staff-account";
import { passkeyRegistrationOptions, savePasskey } from "@/lib/webauthn/register-passkey";
import { kickWorkers } from "@/lib/workers/kick";

export type PasskeyOptionsState = FormState<never, PublicKeyCredentialCreationOptionsJSON>;
export type AddPasskeyState = FormState<"response" | "name">;
export type RemoveFactorState = FormState<"factorId">;
export type NewRecoveryCodesState = FormState<"password", { codes: string[] }>;

const LAST_FACTOR =
  "This is your only second step, so it cannot be removed: staff sign-in always needs one. Add another authenticator app or a passkey first, then remove this one.";

const addAuthenticatorForm = formAction(
  {
    caller: "staff",
    fields: { offer: "text", code: "secret", name: "text" },
    schema: addAuthenticatorSchema,
    hidden: ["offer"],
    staleMessage: "This form is out of date. Reload the page and scan the new QR code.",
    echoLimit: { offer: 1_000 },
  },
  async (input, { caller }): Promise<AddAuthenticatorState> => {
    const db = await getDb();
    const now = new Date();
    const owner = staffRef(caller.id);
    const added = await addAuthenticator(db, { owner, sealedOffer: input.offer, ...input, now });
    if (!added.ok) {
      const label = await staffAuthenticatorLabel(db, caller.id);
      const offer = await showAuthenticatorOfferAgain(input.offer, { owner, ...label, now });
      if (!offer) return { error: "This QR code is more than 20 minutes old. Reload the page and scan the new one." };
      return {
        errors: { code: ["That code did not work. Check that the app shows this practice and try the newest code."] },
        result: { offer },
      };
    }
    revalidatePath("/admin/account");
    return { message: `${input.name} was added. You can use it at your next sign-in.`, result: {} };
  },
);

const passkeyOptionsForm = formAction(
  { caller: "staff", fields: {} },
  async (_input, { caller }): Promise<PasskeyOptionsState> => {
    const options = await passkeyRegistrationOptions(await getDb(), {
      owner: staffRef(caller.id),
      userName: caller.email,
      userDisplayName: caller.name,
      now: new Date(),
    });
    return { result: options };
  },
);

const PASSKEY_REFUSED = {
  challenge: "Adding the passkey took too long. Try again.",
  not_verified: "The passkey could not be checked. Try again.",
  already_added: "This passkey is already added to an account.",
} as const;

const addPasskeyForm = formAction(
  { caller: "staff", fields: { response: "secret", name: "text" }, schema: addPasskeySchema },
  async (input, { caller }): Promise<AddPasskeyState> => {
    const saved = await savePasskey(await getDb(), {
      owner: staffRef(caller.id),
      response: input.response,
      name: input.name,
      now: new Date(),
    });
    if (!saved.ok) return { error: PASSKEY_REFUSED[saved.reason] };
    revalidatePath("/admin/account");
    return { message: `${input.name} was added. You can use it at your next sign-in.` };
  },
);

const removeForm = formAction(
  { caller: "staff", fields: { factorId: "text" }, schema: removeStaffFactorSchema, hidden: ["factorId"] },
  async (input, { caller }): Promise<RemoveFactorState> => {
    const db = await getDb();
    const result = await db.transaction((tx) =>
      removeSecondFactors(tx, {
        owner: staffRef(caller.id),
        factorId: input.factorId,
        removedBy: { by: "owner" },
        now: new Date(),
      }),
    );
    if (!result.ok)
      return { error: result.reason === "last_staff_factor" ? LAST_FACTOR : "That second step was already removed." };
    kickWorkers();
    revalidatePath("/admin/account");
    return { message: "Removed. We emailed you to say so." };
  },
);

const newCodesForm = formAction(
  { caller: "staff", fields: { password: "secret" }, schema: regenerateRecoveryCodesSchema },
  async (input, { caller }): Promise<NewRecoveryCodesState> => {
    const result = await regenerateRecoveryCodes(await getDb(), {
      staffId: caller.id,
      password: input.password,
      now: new Date(),
    });
    if (!result.ok) return { errors: { password: ["Your password is not right."] } };
    revalidatePath("/admin/account");
    return { message: "New recovery codes made. Your earlier codes no longer work.", result: { codes: result.codes } };
  },
);

export async function addStaffAuthenticator(
  prev: AddAuthenticatorState,
  form: FormData,
): Promise<AddAuthenticatorState> {
  return addAuthenticatorForm(prev, form);
}

export async function staffPasskeyOptions(prev: PasskeyOptionsState, form: FormData): Promise<PasskeyOptionsState> {
  return passkeyOptionsForm(prev, form);
}

export async function addStaffPasskey(prev: AddPasskeyState, form: FormData): Promise<AddPasskeyState> {
  return addPasskeyForm(prev, form);
}

export async function removeStaffFactor(prev: RemoveFactorState, form: FormData): Promise<RemoveFactorState> {
  return removeForm(prev, form);
}

export async function makeNewRecoveryCodes(
  prev: NewRecoveryCodesState,
  form: FormData,
): Promise<NewRecoveryCodesState> {
  return newCodesForm(prev, form);
}
