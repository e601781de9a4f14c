// Sent to the old address, which may no longer belong to the patient: the new address is
// deliberately not shown.
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function EmailChangedNoticeEmail({ practice }: EmailProps<"email_changed_notice">) {
  return (
    <EmailLayout
      practice={practice}
      preview="The email address on your Patient Portal account was changed."
      title="Your portal email address was changed"
      because="this was the email address on your Patient Portal account before the change."
    >
      <P>
        Staff at {practice.name} changed the email address on your Patient Portal account. Portal emails will now go to
        the new address. To protect your privacy, we do not show the new address here.
      </P>
      <P>If you asked for this change, you do not need to do anything.</P>
      <P>
        <strong>If you did not ask for this, call us right away at {practice.phone}.</strong>
      </P>
    </EmailLayout>
  );
}

EmailChangedNoticeEmail.PreviewProps = { practice: PREVIEW_PRACTICE } satisfies EmailProps<"email_changed_notice">;
