// The page behind an emailed staff invitation. The proxy has already moved the token from the address into a
// cookie scoped to this page (lib/http/link-landing.ts). Opening it only reads: nothing is used up until the
// form is submitted, so mail scanners that fetch links do no harm.
import { getDb } from "@/db/client";
import { getConfig } from "@/lib/config";
import { linkToken } from "@/lib/http/link-token";
import { passwordHint } from "@/lib/passwords/check-new-password";
import { inspectStaffInviteLink } from "@/lib/tokens/inspect-staff-invite-link";
import { STAFF_PASSWORD_MIN } from "@/lib/validation/staff";
import { StaffLinkProblem, type StaffLinkProblemState } from "./staff-link-problem";
import { StaffSetupForm } from "./staff-setup-form";

// No `referrer: "no-referrer"` here: the landing redirect already sends no Referer, and this page must keep a
// same-origin referrer so its form (even without JavaScript) posts a real Origin (next.config.js).
export const metadata = { title: "Choose your password" };

const PROBLEMS: StaffLinkProblemState[] = ["used", "expired", "replaced", "unknown", "inactive"];

export default async function StaffSetupPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const token = await linkToken("/staff-setup", await searchParams);
  // No token at all: the browser did not keep the cookie the proxy moved it into (lib/http/link-landing.ts).
  const invite =
    token === undefined ? { state: "unread" as const } : await inspectStaffInviteLink(await getDb(), token, new Date());
  if (invite.state !== "valid") {
    return (
      <main id="main" className="narrow">
        <StaffLinkProblem state={invite.state} Heading="h1" />
      </main>
    );
  }
  return (
    <main id="main" className="narrow">
      <h1>Choose your password</h1>
      <p>Welcome, {invite.name}. Choose the password for your Patient Portal staff account.</p>
      <StaffSetupForm
        token={token as string}
        email={invite.email}
        passwordHint={passwordHint(Math.max(STAFF_PASSWORD_MIN, getConfig().PASSWORD_MIN_LENGTH))}
        linkProblemView={
          Object.fromEntries(PROBLEMS.map((s) => [s, <StaffLinkProblem key={s} state={s} Heading="h2" />])) as Record<
            StaffLinkProblemState,
            React.ReactNode
          >
        }
      />
    </main>
  );
}
