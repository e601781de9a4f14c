// Goes only to the address on file of a patient whose four details matched and who has an authenticator app or
// a passkey. The link alone removes nothing: the page behind it asks for the account's password too.
import { ActionLink, EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function SecondStepRecoveryLinkEmail({
  practice,
  link,
  validFor,
}: EmailProps<"second_step_recovery_link">) {
  return (
    <EmailLayout
      practice={practice}
      preview={`Remove the second sign-in step you can no longer use. The link works for ${validFor}.`}
      title="Cannot get your sign-in code?"
      because="someone asked for help with the second sign-in step of the Patient Portal account for this email address."
    >
      <P>
        We received a request to remove the authenticator app and passkeys from the sign-in of your Patient Portal
        account, because they can no longer be used. Codes emailed to you are not affected.
      </P>
      <ActionLink href={link} label="Remove my second sign-in step" />
      <P>
        You will need your password to finish. This link works for {validFor}. After that, you will need to ask for a
        new one.
      </P>
      <P>
        Did not ask for this? Do not use the link: nothing changes unless someone uses it with your password. If you are
        worried, call us at {practice.phone}.
      </P>
    </EmailLayout>
  );
}

SecondStepRecoveryLinkEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  link: "https://portal.example.com/second-step-recovery?token=preview",
  validFor: "1 hour",
} satisfies EmailProps<"second_step_recovery_link">;
