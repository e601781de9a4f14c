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
import { PASSWORDS_DIFFER, resetPasswordSchema, setupAccountSchema } from "@/lib/validation/account-link";
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
      if (input.password !== input.confirm) return { errors: { confirm: [PASSWORDS_DIFFER] } };
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
        }),
      );
      if (!result.ok) {
        switch (result.reason) {
          case "link":
            return { result: { linkProblem: result.state } };
          case "password":
            return { errors: { password: [result.message] } };
          case "username_taken":
            return { errors: { username: ["That username is taken. Choose another one."] } };
          case "access_off":
            return {
              error: "Your Patient Portal access is turned off, so this link cannot be used. Please call the practice.",
            };
        }
      }
      kickWorkers();
      await forgetLinkToken(purpose === "setup" ? "/setup-account" : "/reset-password");
      await setFlash({ kind: purpose === "setup" ? "account_created" : "password_reset", username: result.username });
      redirect("/login");
    },
  );
}
