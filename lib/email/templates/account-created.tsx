import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

// Sent when a patient first chooses a password with a setup link: the same safety notice as a password change,
// in words that fit a new account.
export default function AccountCreatedEmail({ practice, createdAt }: EmailProps<"account_created">) {
  return (
    <EmailLayout
      practice={practice}
      preview="Your Patient Portal account is ready."
      title="Your Patient Portal account is ready"
      because={
        "a Patient Portal account was just set up for this email address. We always send this notice to help keep your account safe."
      }
    >
      <P>Your Patient Portal account was set up and a password was chosen.</P>
      <P>When: {createdAt}</P>
      <P>If you did this, you do not need to do anything. You can sign in with the username and password you chose.</P>
      <P>
        <strong>If you did not set up a Patient Portal account, call us right away at {practice.phone}.</strong>
      </P>
    </EmailLayout>
  );
}

AccountCreatedEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  createdAt: "March 3, 2026 at 2:15 PM Eastern Time",
} satisfies EmailProps<"account_created">;
