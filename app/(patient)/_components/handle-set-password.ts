// The server side of the setup and reset forms: validate, rate-limit bad links, use the link, then send the
// patient to sign in (never signed in automatically: the first sign-in is the activation).
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { setPasswordWithLink } from "@/lib/accounts/set-password-with-link";
import { clientIpFrom, ipHash } from "@/lib/http/client-ip";
import { setFlash } from "@/lib/http/flash";
import { forgetLinkToken } from "@/lib/http/link-token";
import { runWithinBadLinkLimit } from "@/lib/rate-limit/limit-bad-links";
import { usernameField } from "@/lib/validation/username";
import { kickWorkers } from "@/lib/workers/kick";
import type { SetPasswordState } from "./set-password-state";

const base = z.object({
  token: z.string().max(100),
  password: z
    .string({ error: "Enter a new password" })
    .min(1, "Enter a new password")
    .max(1000, "Password must be 128 characters or fewer"),
  confirm: z.string().max(1000),
});
const setupSchema = base.extend({ username: usernameField });

export async function handleSetPassword(purpose: "setup" | "reset", form: FormData): Promise<SetPasswordState> {
  const raw = Object.fromEntries(
    ["token", "username", "password", "confirm"].map((k) => [k, typeof form.get(k) === "string" ? form.get(k) : ""]),
  );
  const values = { username: String(raw.username).slice(0, 64) };
  const parsed = (purpose === "setup" ? setupSchema : base).safeParse(raw);
  const errors: SetPasswordState["errors"] = parsed.success
    ? {}
    : (z.flattenError(parsed.error).fieldErrors as SetPasswordState["errors"]);
  if (parsed.success && parsed.data.password !== parsed.data.confirm)
    errors!.confirm = ["The two passwords do not match. Type the same password in both boxes."];
  if (!parsed.success || Object.keys(errors!).length) return { errors, values };

  const db = await getDb();
  const now = new Date();
  const address = ipHash(clientIpFrom(await headers()));
  const result = await runWithinBadLinkLimit(db, { address, now }, () =>
    setPasswordWithLink(db, {
      token: parsed.data.token,
      purpose,
      username: "username" in parsed.data ? (parsed.data.username as string) : undefined,
      password: parsed.data.password,
      now,
    }),
  );
  if (!result.ok) {
    switch (result.reason) {
      case "link":
        return { linkProblem: result.state };
      case "password":
        return { errors: { password: [result.message] }, values };
      case "username_taken":
        return { errors: { username: ["That username is taken. Choose another one."] }, values };
      case "access_off":
        return {
          message: "Your Patient Portal access is turned off, so this link cannot be used. Please call the practice.",
          values,
        };
    }
  }
  kickWorkers();
  await forgetLinkToken(purpose === "setup" ? "/setup-account" : "/reset-password");
  await setFlash({ kind: purpose === "setup" ? "account_created" : "password_reset", username: result.username });
  redirect("/login");
}
