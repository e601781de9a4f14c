import "server-only";
// Passkeys on the sign-in pages, for staff and patients alike (lib/auth/passkey-sign-in.ts decides): the options
// a ceremony starts with, "Sign in with a passkey" with nothing typed, and a passkey as the second step. Every
// refusal of an answer gets one message, which never says whose passkey it was or why.
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translator";
import { finishSignIn } from "@/lib/auth/finish-sign-in";
import { findPendingSignIn } from "@/lib/auth/pending-sign-in";
import { currentPendingSignIn, pendingSignInToken } from "@/lib/auth/pending-sign-in-cookie";
import { passkeySecondStep, passkeySignIn, startPasskeySignIn } from "@/lib/auth/passkey-sign-in";
import { setTrustedDeviceCookie } from "@/lib/auth/trusted-device-cookie";
import { getConfig } from "@/lib/config";
import { trustDevice } from "@/lib/second-factor/trusted-device";
import { passkeyAssertionSchema, passkeySecondStepSchema } from "@/lib/validation/passkey";
import { formAction } from "./form-action";
import type { FormState } from "./form-state";
import en from "@/messages/en/signIn.json";

export type PasskeyOptionsState = FormState<never, PublicKeyCredentialRequestOptionsJSON>;
export type PasskeySignInState = FormState<"response" | "remember">;

/** English, for the staff set-up page's own action; the actions below answer in the request's language. */
export const PASSKEY_BUSY = en.passkey.busy;

/**
 * The options for a passkey ceremony: for "Sign in with a passkey" (any passkey of ours the browser holds), or for
 * the second step (`pending`: this browser's pending sign-in, whose owner's passkeys alone are offered).
 */
export function passkeyOptionsAction(kind: "staff" | "patient", opts: { pending: boolean }) {
  return formAction({ caller: "public", fields: {} }, async (_input, context): Promise<PasskeyOptionsState> => {
    const t = translator(await requestLocale(), "signIn");
    const pending = opts.pending ? await currentPendingSignIn(kind) : null;
    if (opts.pending && (!pending || pending.passed || pending.purpose !== "second_step"))
      return { error: t("timedOut.message") };
    const options = await startPasskeySignIn(await getDb(), {
      kind,
      address: await context.ipHash(),
      now: new Date(),
      pending: pending ?? undefined,
    });
    return options ? { result: options } : { error: t("passkey.busy") };
  });
}

/** "Sign in with a passkey": a user-verifying passkey alone is a complete sign-in (docs/security.md M1). */
export function passkeySignInAction(kind: "staff" | "patient", home: string) {
  return formAction(
    { caller: "public", fields: { response: "secret" }, schema: passkeyAssertionSchema },
    async (input, context): Promise<PasskeySignInState> => {
      const step = await passkeySignIn(await getDb(), {
        kind,
        response: input.response,
        address: await context.ipHash(),
        now: new Date(),
        defer: after,
      });
      if (step.outcome === "done") await finishSignIn({ token: step.token }, home);
      const t = translator(await requestLocale(), "signIn");
      if (step.outcome === "access_off") {
        const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
        return { error: t("login.accessOff", { practice: PRACTICE_NAME, phone: PRACTICE_PHONE }) };
      }
      return { error: t("passkey.refused") };
    },
  );
}

/** A passkey as the second step, after the password; a patient may trust this browser for 30 days, as with codes. */
export function passkeySecondStepAction(kind: "staff" | "patient", home: string) {
  return formAction(
    { caller: "public", fields: { response: "secret", remember: "checkbox" }, schema: passkeySecondStepSchema },
    async (input, context): Promise<PasskeySignInState> => {
      const t = translator(await requestLocale(), "signIn");
      const timedOut = t("timedOut.message");
      const db = await getDb();
      const now = new Date();
      const token = await pendingSignInToken();
      const pending = await findPendingSignIn(db, { token, now });
      if (!token || !pending || pending.owner.kind !== kind || pending.passed || pending.purpose !== "second_step")
        return { error: timedOut };
      const passed = await passkeySecondStep(db, {
        pending,
        response: input.response,
        address: await context.ipHash(),
        now,
        defer: after,
      });
      if (!passed) return { error: t("passkey.secondStepRefused") };
      if (pending.owner.kind === "patient" && input.remember)
        await setTrustedDeviceCookie(
          await db.transaction((tx) => trustDevice(tx, { patientId: pending.owner.id, now })),
        );
      await finishSignIn({ token }, home);
      return { error: timedOut };
    },
  );
}
