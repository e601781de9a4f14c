// The one confirmation every verification form shows, whatever our records say.
import { getConfig } from "@/lib/config";
import { linkLifetime } from "@/lib/tokens/link-lifetime";

export function SentConfirmation({ what, secondStep = false }: { what: string; secondStep?: boolean }) {
  const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
  return (
    <>
      <h2>Check your email</h2>
      <p>If the details you entered match our records, we have sent {what} to the email address you entered.</p>
      <ul>
        <li>It can take a few minutes to arrive. Check your spam or junk folder too.</li>
        {/* The page cannot know which email went out (it must not: docs/security.md V1), so it names the
            lifetime of each kind of link, as configured. */}
        <li>
          If the email has a link, use it soon: a link to set up your account works for{" "}
          {linkLifetime("setup_self_service").words}, and a link to{" "}
          {secondStep ? "remove your second sign-in step" : "choose a new password"} for {linkLifetime("reset").words}.
        </li>
        <li>
          If nothing arrives, call {PRACTICE_NAME} at{" "}
          <a href={`tel:${PRACTICE_PHONE.replace(/[^\d+]/g, "")}`}>{PRACTICE_PHONE}</a>. We can check the details we
          have on file and send you an invitation.
        </li>
      </ul>
    </>
  );
}
