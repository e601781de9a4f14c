// The page behind an emailed second-step recovery link. Opening it only reads: nothing is used up until the
// password is proven, so mail scanners that fetch links do no harm.
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { linkToken } from "@/lib/http/link-token";
import { inspectAccountLink, type LinkState } from "@/lib/tokens/inspect-account-link";
import { LinkProblem, LinkProblemText } from "../_components/link-problem";
import { recoverSecondStepAction } from "./actions";
import { RecoveryForm } from "./recovery-form";

export async function generateMetadata() {
  const t = await getTranslations("links.recovery");
  return { title: t("title") };
}

const PURPOSE = "second_step_recovery";

export default async function SecondStepRecoveryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const token = await linkToken("/second-step-recovery", await searchParams);
  if (token === undefined) return <LinkProblem state="unread" purpose={PURPOSE} />;
  const link = await inspectAccountLink(await getDb(), token, new Date());
  if (link.state !== "valid") return <LinkProblem state={link.state} purpose={link.purpose ?? PURPOSE} />;
  if (link.purpose !== PURPOSE) return <LinkProblem state="unknown" purpose={PURPOSE} />;
  const t = await getTranslations("links.recovery");
  return (
    <main id="main" className="narrow">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <RecoveryForm
        action={recoverSecondStepAction}
        token={token as string}
        username={link.username}
        linkProblemView={
          Object.fromEntries(
            (["used", "expired", "replaced", "unknown", "too_many_usernames"] as const).map((s) => [
              s,
              <LinkProblemText key={s} state={s} purpose={PURPOSE} Heading="h2" />,
            ]),
          ) as Record<Exclude<LinkState, "valid">, React.ReactNode>
        }
      />
    </main>
  );
}
