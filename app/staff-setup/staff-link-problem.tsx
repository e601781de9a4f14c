// What a staff member sees when their invitation link no longer works, and what to do next.
import Link from "next/link";
import type { StaffInviteState } from "@/lib/tokens/inspect-staff-invite-link";

export type StaffLinkProblemState = Exclude<StaffInviteState, "valid">;

/** "unread": the page arrived without any token (a browser that refused the cookie the link is carried in). */
const TEXT: Record<StaffLinkProblemState | "unread", { title: string; body: string }> = {
  used: {
    title: "This invitation has already been used",
    body: "Each invitation link works once. If you chose your password with it, sign in below. If not, ask a practice administrator to send you a new invitation.",
  },
  expired: {
    title: "This invitation has expired",
    body: "Invitation links only work for a limited time, to keep the practice's records safe. Ask a practice administrator to send you a new one.",
  },
  replaced: {
    title: "This invitation has been replaced",
    body: "A newer invitation was sent, or this one was withdrawn. Use the link in the newest email, or ask a practice administrator to send you a new one.",
  },
  unknown: {
    title: "This link is not valid",
    body: "It may have been copied only in part. Open the link from the email again, or ask a practice administrator for a new invitation.",
  },
  unread: {
    title: "This link could not be read here",
    body: "This page opened without the invitation's details, so we cannot tell whether the link still works. Open the link again from the email in the web browser you usually use, or ask a practice administrator for a new invitation.",
  },
  inactive: {
    title: "This staff account is deactivated",
    body: "The invitation cannot be used while the account is deactivated. Ask a practice administrator if you think this is a mistake.",
  },
};

export function StaffLinkProblem({
  state,
  Heading,
}: {
  state: StaffLinkProblemState | "unread";
  Heading: "h1" | "h2";
}) {
  const text = TEXT[state];
  return (
    <div role={Heading === "h2" ? "alert" : undefined}>
      <Heading>{text.title}</Heading>
      <p>{text.body}</p>
      {state === "used" && (
        <p>
          <Link className="button" href="/admin/login">
            Go to staff sign-in
          </Link>
        </p>
      )}
    </div>
  );
}
