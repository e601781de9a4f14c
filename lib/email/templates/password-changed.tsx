import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function PasswordChangedEmail({ practice, changedAt }: EmailProps<"password_changed">) {
  return (
    <EmailLayout
      practice={practice}
      preview="Your Patient Portal password was just changed."
      title="Your password was changed"
      because={
        "the password on your Patient Portal account was changed. We always send this notice to help keep your account safe."
      }
    >
      <P>The password for your Patient Portal account was changed.</P>
      <P>When: {changedAt}</P>
      <P>If you made this change, you do not need to do anything.</P>
      <P>
        <strong>If you did not change your password, call us right away at {practice.phone}.</strong> Someone else may
        be able to get into your account.
      </P>
    </EmailLayout>
  );
}

PasswordChangedEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  changedAt: "March 3, 2026 at 2:15 PM Eastern Time",
} satisfies EmailProps<"password_changed">;
