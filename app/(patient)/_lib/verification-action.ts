// The one body of the three identity forms (create account, forgot password, forgot username). It records the
// request and answers the same way whatever our records say (docs/security.md V1): the worker matches it on its
// own tick, so nothing about the outcome reaches this answer, in what it says or in how long it takes. Bad input
// is answered at once and nothing is looked up or sent.
import "server-only";
import { formAction } from "@/app/_lib/form-action";
import { getDb } from "@/db/client";
import { requestLocale } from "@/lib/i18n/request-locale";
import { VERIFICATION_ECHO_LIMIT, verificationForm } from "@/lib/validation/verification-form";
import { requestVerification, type VerificationFlow } from "@/lib/verification/request-verification";
import type { VerificationState } from "../_components/verification-form";

export function verificationAction(flow: VerificationFlow) {
  return formAction(
    {
      caller: "public",
      fields: { email: "text", lastName: "text", dobMonth: "text", dobDay: "text", dobYear: "text", zip: "text" },
      errorKeys: ["dateOfBirth"],
      schema: verificationForm,
      echoLimit: VERIFICATION_ECHO_LIMIT,
    },
    async (details, { ipHash }): Promise<VerificationState> => {
      const locale = await requestLocale();
      await requestVerification(await getDb(), { flow, details, locale, ipHash: await ipHash(), now: new Date() });
      return { result: { submitted: true } };
    },
  );
}
