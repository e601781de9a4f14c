// The server side of the setup and reset forms: the wrapper checks the fields, the bad-link limit guards the
// token, and the link is used and the password set in one step; then the patient is sent to sign in (never
// signed in automatically: the first sign-in is the activation, docs/security.md S5).
import "server-only";
import { redirect } from "next/navigation";
import { formAction } from "@/app/_lib/form-action";
import { getDb } from "@/db/client";
import { setPasswordWithLink } from "@/lib/accounts/set-password-with-link";
import { setFlash } from "@/lib/http/flash";
import { forgetLinkToken } from "@/lib/http/link-token";
import { runWithinBadLinkLimit } from "@/lib/rate-limit/limit-bad-links";
import { localizeMessage } from "@/lib/i18n/localize-message";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translator";
import { PASSWORDS_DIFFER_KEY, resetPasswordSchema, setupAccountSchema } from "@/lib/validation/account-link";
import { kickWorkers } from "@/lib/workers/kick";
import type { SetPasswordState } from "../_components/set-password-form";

export function setPasswordAction(purpose: "setup" | "reset") {
  return formAction(
    {
      caller: "public",
      fields: { token: "secret", username: "text", password: "secret", confirm: "secret" },
      schema: purpose === "setup" ? setupAccountSchema : resetPasswordSchema,
    },
    async (input, { ipHash }): Promise<SetPasswordState> => {
      const locale = await requestLocale();
      if (input.password !== input.confirm)
        return { errors: { confirm: [localizeMessage(PASSWORDS_DIFFER_KEY, locale)] } };
      const db = await getDb();
      const now = new Date();
      const address = await ipHash();
      const result = await runWithinBadLinkLimit(db, { address, now }, () =>
        setPasswordWithLink(db, {
          token: input.token,
          purpose,
          username: "username" in input ? (input.username as string) : undefined,
          password: input.password,
          now,
          locale,
        }),
      );
      if (!result.ok) {
        const t = translator(locale, "links");
        switch (result.reason) {
          case "link":
            return { result: { linkProblem: result.state } };
          case "password":
            return { errors: { password: [result.message] } };
          case "username_taken":
            return { errors: { username: [t("form.usernameTaken")] } };
          case "access_off":
            return { error: t("form.accessOff") };
        }
      }
      kickWorkers();
      await forgetLinkToken(purpose === "setup" ? "/setup-account" : "/reset-password");
      await setFlash({ kind: purpose === "setup" ? "account_created" : "password_reset", username: result.username });
      redirect("/login");
    },
  );
}
