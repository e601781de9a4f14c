import { ActionLink, EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function NoAccountYetEmail({ practice, setupLink, validFor }: EmailProps<"no_account_yet">) {
  return (
    <EmailLayout
      practice={practice}
      preview="You have not created your Patient Portal account yet. You can do it now."
      title="You do not have a Patient Portal account yet"
      because="someone asked for Patient Portal sign-in help for this email address."
    >
      <P>
        Someone asked for the username or password for this email address. You have not created a Patient Portal account
        yet, so there is nothing to reset.
      </P>
      <P>You can create your account now with the link below. It works for {validFor}.</P>
      <ActionLink href={setupLink} label="Create my account" />
      <P>Did not ask for this? You can ignore this email. No account is created unless someone uses the link.</P>
    </EmailLayout>
  );
}

NoAccountYetEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  setupLink: "https://portal.example.com/account/setup?token=preview",
  validFor: "24 hours",
} satisfies EmailProps<"no_account_yet">;
