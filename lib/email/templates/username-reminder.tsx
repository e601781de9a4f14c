import { EmailLayout, Highlight, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function UsernameReminderEmail({ practice, username }: EmailProps<"username_reminder">) {
  return (
    <EmailLayout
      practice={practice}
      preview="Here is the username for your Patient Portal account."
      title="Your Patient Portal username"
      because="someone asked for the Patient Portal username linked to this email address."
    >
      <P>You asked for your Patient Portal username. Here it is:</P>
      <Highlight>{username}</Highlight>
      <P>
        Sign in with this username and your password. If you also forgot your password, you can reset it from the
        sign-in page.
      </P>
      <P>Did not ask for this? You can ignore this email. Nothing on your account has changed.</P>
    </EmailLayout>
  );
}

UsernameReminderEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  username: "sunny.day42",
} satisfies EmailProps<"username_reminder">;
