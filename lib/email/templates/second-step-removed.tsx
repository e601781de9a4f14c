import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

const WHO: Record<EmailProps<"second_step_removed">["by"], string> = {
  owner: "You removed",
  recovery: "After you proved who you are with your details and your password, we removed",
  staff: "A member of our staff removed",
};

export default function SecondStepRemovedEmail({ practice, by, what, removedAt }: EmailProps<"second_step_removed">) {
  return (
    <EmailLayout
      practice={practice}
      preview="A second sign-in step was removed from your account."
      title="A second sign-in step was removed"
      because={
        "a second sign-in step was removed from your account. We always send this notice to help keep your account safe."
      }
    >
      <P>
        {WHO[by]} {what} from the sign-in of your account.
      </P>
      <P>When: {removedAt}</P>
      <P>If this was you, or you asked us to, you do not need to do anything.</P>
      <P>
        <strong>If you did not expect this, call us right away at {practice.phone}.</strong> Someone else may be trying
        to get into your account.
      </P>
    </EmailLayout>
  );
}

SecondStepRemovedEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  by: "staff",
  what: "every second step (authenticator app)",
  removedAt: "March 3, 2026 at 2:15 PM Eastern Time",
} satisfies EmailProps<"second_step_removed">;
