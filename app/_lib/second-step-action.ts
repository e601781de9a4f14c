import "server-only";
// The second step of a sign-in, for staff and for patients alike (lib/auth/second-step.ts decides). A wrong, old
// or reused code gets one message; a pending sign-in that is gone gets another, which says nothing about codes.
import { after } from "next/server";
import { getDb } from "@/db/client";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translator";
import { finishSignIn } from "@/lib/auth/finish-sign-in";
import { findPendingSignIn } from "@/lib/auth/pending-sign-in";
import { pendingSignInToken } from "@/lib/auth/pending-sign-in-cookie";
import { checkSecondStep } from "@/lib/auth/second-step";
import { setTrustedDeviceCookie } from "@/lib/auth/trusted-device-cookie";
import { trustDevice } from "@/lib/second-factor/trusted-device";
import { secondStepSchema } from "@/lib/validation/second-step";
import { formAction } from "./form-action";
import type { FormState } from "./form-state";

export type SecondStepState = FormState<"method" | "code" | "remember">;

export function secondStepAction(kind: "staff" | "patient", home: string) {
  return formAction(
    {
      caller: "public",
      fields: { method: "text", code: "secret", remember: "checkbox" },
      schema: secondStepSchema,
      hidden: ["method"],
    },
    async (input, context): Promise<SecondStepState> => {
      // Staff requests are always English (lib/i18n/negotiate-locale.ts), so staff read the same words as before.
      const t = translator(await requestLocale(), "signIn");
      const timedOut = t("timedOut.message");
      const db = await getDb();
      const now = new Date();
      const token = await pendingSignInToken();
      const pending = await findPendingSignIn(db, { token, now });
      if (!token || !pending || pending.owner.kind !== kind || pending.passed) return { error: timedOut };
      const passed = await checkSecondStep(db, {
        pending,
        method: input.method,
        code: input.code,
        address: await context.ipHash(),
        now,
        defer: after,
      });
      if (!passed) return { errors: { code: [t("secondStep.wrongCode")] } };
      // Staff are asked every time (M1); a patient may skip the step on this browser for 30 days (M8).
      if (pending.owner.kind === "patient" && input.remember)
        await setTrustedDeviceCookie(
          await db.transaction((tx) => trustDevice(tx, { patientId: pending.owner.id, now })),
        );
      await finishSignIn({ token }, home);
      return { error: timedOut };
    },
  );
}
