// What a patient sees when an emailed link no longer works: which of the reasons, and what to do next.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { getConfig } from "@/lib/config";
import type { LinkState, PatientLinkPurpose } from "@/lib/tokens/inspect-account-link";

/** "unread": the page arrived without any token (a browser that refused the cookie the link is carried in). */
export type LinkProblemState = Exclude<LinkState, "valid"> | "unread";

// "unread" is not "not valid": the link may well work. Nothing reached the page to check, so it says so.

/** Where each kind of link can be asked for again. */
const ASK_AGAIN = {
  setup: { href: "/register", label: "askSetup" },
  reset: { href: "/forgot-password", label: "askReset" },
  second_step_recovery: { href: "/second-step-help", label: "askSecondStep" },
} as const satisfies Record<PatientLinkPurpose, { href: string; label: string }>;

export function LinkProblem({ state, purpose }: { state: LinkProblemState; purpose: PatientLinkPurpose | null }) {
  return (
    <main id="main" className="narrow">
      <LinkProblemText state={state} purpose={purpose} Heading="h1" />
    </main>
  );
}

/** The same words inside another page, after a submitted form found the link no longer works. */
export function LinkProblemText({
  state,
  purpose,
  Heading,
}: {
  state: LinkProblemState;
  purpose: PatientLinkPurpose | null;
  Heading: "h1" | "h2";
}) {
  const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
  const t = useTranslations("links.problem");
  const ask = ASK_AGAIN[purpose ?? "setup"];
  return (
    <div role={Heading === "h2" ? "alert" : undefined}>
      <Heading>{t(`${state}.title`)}</Heading>
      <p>{t(`${state}.body`)}</p>
      <p>
        <Link className="button" href={ask.href}>
          {t(ask.label)}
        </Link>
      </p>
      <p>
        {t.rich("call", {
          practice: PRACTICE_NAME,
          phone: PRACTICE_PHONE,
          call: (number) => <a href={`tel:${PRACTICE_PHONE.replace(/[^\d+]/g, "")}`}>{number}</a>,
        })}
      </p>
    </div>
  );
}
