import { ActionLink, EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function ResetLinkEmail({ practice, link, validFor, via }: EmailProps<"reset_link">) {
  const byStaff = via === "staff";
  return (
    <EmailLayout
      practice={practice}
      preview={`Choose a new Patient Portal password. The link works for ${validFor}.`}
      title="Reset your Patient Portal password"
      because={
        byStaff
          ? `staff at ${practice.name} sent a password reset link to the email address on your Patient Portal account.`
          : "someone asked to reset the Patient Portal password for this email address."
      }
    >
      <P>
        {byStaff
          ? `Staff at ${practice.name} sent you this email so you can choose a new password. `
          : "We received a request to reset your Patient Portal password. "}
        Use the link below to choose a new one.
      </P>
      <ActionLink href={link} label="Choose a new password" />
      <P>This link works for {validFor}. After that, you will need to ask for a new one.</P>
      <P>
        {byStaff
          ? `Not expecting this? Do not use the link. Call us at ${practice.phone}.`
          : "Did not ask for this? You can ignore this email. Your password stays the same unless someone uses the link."}
      </P>
    </EmailLayout>
  );
}

ResetLinkEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  link: "https://portal.example.com/account/reset?token=preview",
  validFor: "1 hour",
  via: "self_service",
} satisfies EmailProps<"reset_link">;
