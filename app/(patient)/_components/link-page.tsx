// The page behind an emailed setup or reset link. Opening it only reads: nothing is used up until the form
// is submitted, so mail scanners that fetch links do no harm.
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { passwordHint } from "@/lib/passwords/check-new-password";
import { patientPasswordMinimum } from "@/lib/passwords/patient-password-minimum";
import { inspectAccountLink, type LinkState } from "@/lib/tokens/inspect-account-link";
import { LinkProblem, LinkProblemText } from "./link-problem";
import { SetPasswordForm, type SetPasswordState } from "./set-password-form";

export async function LinkPage({
  purpose,
  token,
  action,
}: {
  purpose: "setup" | "reset";
  token: unknown;
  action: (state: SetPasswordState, form: FormData) => Promise<SetPasswordState>;
}) {
  // No token at all: the browser did not keep the cookie the proxy moved it into (lib/http/link-landing.ts).
  if (token === undefined) return <LinkProblem state="unread" purpose={purpose} />;
  const db = await getDb();
  const link = await inspectAccountLink(db, token, new Date());
  if (link.state !== "valid") return <LinkProblem state={link.state} purpose={link.purpose ?? purpose} />;
  if (link.purpose !== purpose) return <LinkProblem state="unknown" purpose={purpose} />;
  const t = await getTranslations(`links.${purpose}`);
  return (
    <main id="main" className="narrow">
      <h1>{t("heading")}</h1>
      <p>{t("intro")}</p>
      <SetPasswordForm
        action={action}
        token={token as string}
        askUsername={purpose === "setup"}
        username={link.username}
        passwordHint={passwordHint(await patientPasswordMinimum(db, link.patientId), await getLocale())}
        submitLabel={t("submit")}
        linkProblemView={
          Object.fromEntries(
            (["used", "expired", "replaced", "unknown", "too_many_usernames"] as const).map((s) => [
              s,
              <LinkProblemText key={s} state={s} purpose={purpose} Heading="h2" />,
            ]),
          ) as Record<Exclude<LinkState, "valid">, React.ReactNode>
        }
      />
    </main>
  );
}
