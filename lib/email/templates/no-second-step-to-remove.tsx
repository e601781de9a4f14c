// Goes only to the address on file of a matched patient with an account but no authenticator app or passkey: a
// recovery link could remove nothing, so this says where sign-in codes go and what else may help.
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function NoSecondStepToRemoveEmail({ practice }: EmailProps<"no_second_step_to_remove">) {
  return (
    <EmailLayout
      practice={practice}
      preview="Your account has no authenticator app or passkey to remove."
      title="There is no second step to remove"
      because="someone asked for help with the second sign-in step of the Patient Portal account for this email address."
    >
      <P>
        Someone asked for help because they cannot get the sign-in code for your Patient Portal account. Your account
        has no authenticator app or passkey, so there is nothing for us to remove.
      </P>
      <P>
        If your account asks for an emailed code, we send it to this email address. It can take a few minutes to arrive:
        check your spam or junk folder too. If you forgot your password, use “Forgot your password?” on the sign-in
        page.
      </P>
      <P>Still stuck? Call us at {practice.phone} and we will help.</P>
      <P>Did not ask for this? You can ignore this email. Nothing has changed.</P>
    </EmailLayout>
  );
}

NoSecondStepToRemoveEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
} satisfies EmailProps<"no_second_step_to_remove">;
