// What a patient sees when an emailed link no longer works: which of the reasons, and what to do next.
import Link from "next/link";
import { getConfig } from "@/lib/config";
import type { LinkState, PatientLinkPurpose } from "@/lib/tokens/inspect-account-link";

/** "unread": the page arrived without any token (a browser that refused the cookie the link is carried in). */
export type LinkProblemState = Exclude<LinkState, "valid"> | "unread";

const TEXT: Record<LinkProblemState, { title: string; body: string }> = {
  used: {
    title: "This link has already been used",
    body: "Each link works once. If you did not finish, ask for a new link.",
  },
  expired: {
    title: "This link has expired",
    body: "Links only work for a short time, to keep your account safe. Ask for a new one below.",
  },
  replaced: {
    title: "This link has been replaced",
    body: "A newer link was sent, or your password was changed since this one was sent. Use the newest email, or ask for a new link.",
  },
  too_many_usernames: {
    title: "This link no longer works",
    body: "Too many usernames that already belong to other people were tried with it, so we locked it to keep accounts private. Ask for a new link, and choose a username of your own.",
  },
  unknown: {
    title: "This link is not valid",
    body: "It may have been copied only in part. Open the link from the email again, or ask for a new one.",
  },
  // Not "not valid": the link may well work. Nothing reached this page to check, so say so and what helps.
  unread: {
    title: "This link could not be read here",
    body: "This page opened without the link's details, so we cannot tell whether the link still works. Open the link again from the email in the web browser you usually use, or ask for a new one.",
  },
};

/** Where each kind of link can be asked for again. */
const ASK_AGAIN: Record<PatientLinkPurpose, { href: string; label: string }> = {
  setup: { href: "/register", label: "Get a new account setup link" },
  reset: { href: "/forgot-password", label: "Get a new password link" },
  second_step_recovery: { href: "/second-step-help", label: "Get a new second-step help link" },
};

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
  const text = TEXT[state];
  const ask = ASK_AGAIN[purpose ?? "setup"];
  return (
    <div role={Heading === "h2" ? "alert" : undefined}>
      <Heading>{text.title}</Heading>
      <p>{text.body}</p>
      <p>
        <Link className="button" href={ask.href}>
          {ask.label}
        </Link>
      </p>
      <p>
        Or call {PRACTICE_NAME} at <a href={`tel:${PRACTICE_PHONE.replace(/[^\d+]/g, "")}`}>{PRACTICE_PHONE}</a> and we
        will send you one.
      </p>
    </div>
  );
}
