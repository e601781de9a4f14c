"use server";
// The second-step recovery link's form: the wrapper checks the fields, the bad-link limit guards the token, and
// lib/second-factor/recover-second-step.ts proves the password, uses the link and removes the app and passkeys.
import { formAction } from "@/app/_lib/form-action";
import { getDb } from "@/db/client";
import { runWithinBadLinkLimit } from "@/lib/rate-limit/limit-bad-links";
import { recoverSecondStep } from "@/lib/second-factor/recover-second-step";
import { secondStepRecoverySchema } from "@/lib/validation/second-step-recovery";
import { kickWorkers } from "@/lib/workers/kick";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translator";
import type { RecoveryState } from "./recovery-form";

const recoveryForm = formAction(
  { caller: "public", fields: { token: "secret", password: "secret" }, schema: secondStepRecoverySchema },
  async ({ token, password }, { ipHash }): Promise<RecoveryState> => {
    const db = await getDb();
    const now = new Date();
    const locale = await requestLocale();
    const result = await runWithinBadLinkLimit(db, { address: await ipHash(), now }, () =>
      recoverSecondStep(db, { token, password, locale, now }),
    );
    if (!result.ok) {
      const t = translator(await requestLocale(), "links");
      switch (result.reason) {
        case "link":
          return { result: { linkProblem: result.state } };
        case "password":
          // The sign-in page's words: a locked account and a wrong password read the same (docs/security.md P6).
          return {
            errors: {
              password: [t("recovery.wrongPassword")],
            },
          };
        case "access_off":
          return { error: t("form.accessOff") };
      }
    }
    kickWorkers();
    // The link's cookie is left to expire (an hour, this page only): deleting a cookie in an action re-renders the
    // page, which would replace the "removed" answer with "not valid". The token in it is spent.
    return { result: { removedFor: result.username } };
  },
);

export async function recoverSecondStepAction(prev: RecoveryState, form: FormData): Promise<RecoveryState> {
  return recoveryForm(prev, form);
}
