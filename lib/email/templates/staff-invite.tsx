// Staff read the staff side in English, so this one email is English whatever the message says.
import { ActionLink, EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function StaffInviteEmail({ practice, link, validFor, staffName }: EmailProps<"staff_invite">) {
  return (
    <EmailLayout
      practice={practice}
      locale="en"
      preview={`Choose a password for your Patient Portal staff account. The link works for ${validFor}.`}
      title="Set up your staff account"
      because={`someone at ${practice.name} added this email address as a Patient Portal staff member.`}
    >
      <P>Hello {staffName},</P>
      <P>
        You have been invited to the staff side of the {practice.name} Patient Portal. Use the link below to choose your
        password.
      </P>
      <ActionLink href={link} label="Choose my password" locale="en" />
      <P>This link works for {validFor}. After that, ask a practice administrator for a new one.</P>
      <P>Not expecting this? Do not use the link. Call us at {practice.phone}.</P>
    </EmailLayout>
  );
}

StaffInviteEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
  link: "https://portal.example.com/staff/setup?token=preview",
  validFor: "7 days",
  staffName: "Jordan Lee",
} satisfies EmailProps<"staff_invite">;
