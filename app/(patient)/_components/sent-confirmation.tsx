// The one confirmation every verification form shows, whatever our records say.
import { getConfig } from "@/lib/config";
import { linkLifetime } from "@/lib/tokens/link-lifetime";

export function SentConfirmation({ what }: { what: string }) {
  const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
  return (
    <>
      <h2>Check your email</h2>
      <p>If the details you entered match our records, we have sent {what} to the email address you entered.</p>
      <ul>
        <li>It can take a few minutes to arrive. Check your spam or junk folder too.</li>
        <li>Use the link in the email within {linkLifetime("reset").words}.</li>
        <li>
          If nothing arrives, call {PRACTICE_NAME} at{" "}
          <a href={`tel:${PRACTICE_PHONE.replace(/[^\d+]/g, "")}`}>{PRACTICE_PHONE}</a>. We can check the details we
          have on file and send you an invitation.
        </li>
      </ul>
    </>
  );
}
