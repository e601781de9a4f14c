import { ActionLink, EmailLayout, Highlight, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function AlreadyRegisteredEmail({
  practice,
  username,
  resetLink,
  validFor,
}: EmailProps<"already_registered">) {
  return (
    <EmailLayout
      practice={practice}
      preview="You already have a Patient Portal account. Your username is inside."
      title="You already have a Patient Portal account"
      because="someone asked to create a Patient Portal account using this email address."
    >
      <P>
        Someone asked to create a Patient Portal account for this email address, but you already have one. You do not
        need to create another.
      </P>
      <P>Your username is:</P>
      <Highlight>{username}</Highlight>
      <P>Forgot your password? Use the link below to choose a new one. It works for {validFor}.</P>
      <ActionLink href={resetLink} label="Reset my password" />
      <P>
        Remember your password? Then you can ignore this email and sign in as usual. Nothing on your account has
        changed.
      </P>
    </EmailLayout>
  );
}

AlreadyRegisteredEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  username: "sunny.day42",
  resetLink: "https://portal.example.com/account/reset?token=preview",
  validFor: "1 hour",
} satisfies EmailProps<"already_registered">;
