// Sent to the address on file before a recent change, when someone asked for a setup or reset link just after
// it: the link was held, and this is how the real patient hears of it. The new address is not shown.
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function LinkHeldNoticeEmail({ practice }: EmailProps<"link_held_notice">) {
  return (
    <EmailLayout
      practice={practice}
      preview="Someone asked for a link to your Patient Portal account just after its email address was changed."
      title="Someone asked for a link to your portal account"
      because="this was the email address on your Patient Portal account before it was changed."
    >
      <P>
        Someone asked for a link to your Patient Portal account just after the email address on file was changed. We
        have not sent it: staff at {practice.name} will check with you first.
      </P>
      <P>
        <strong>If this was not you, call us right away at {practice.phone}.</strong>
      </P>
    </EmailLayout>
  );
}

LinkHeldNoticeEmail.PreviewProps = { practice: PREVIEW_PRACTICE } satisfies EmailProps<"link_held_notice">;
