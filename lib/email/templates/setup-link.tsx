import { ActionLink, EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function SetupLinkEmail({ practice, link, validFor, via }: EmailProps<"setup_link">) {
  const byStaff = via === "staff";
  return (
    <EmailLayout
      practice={practice}
      preview={`Create your Patient Portal account. The link works for ${validFor}.`}
      title="Create your Patient Portal account"
      because={
        byStaff
          ? `staff at ${practice.name} invited this email address to the Patient Portal.`
          : "someone asked to set up a Patient Portal account for this email address."
      }
    >
      <P>
        {byStaff
          ? `${practice.name} has invited you to use the Patient Portal. `
          : `Thank you for signing up for the ${practice.name} Patient Portal. `}
        Use the link below to create your account. You will choose your own password.
      </P>
      <ActionLink href={link} label="Create my account" />
      <P>This link works for {validFor}. After that, you will need to ask for a new one.</P>
      <P>
        {byStaff
          ? `Not expecting this? Do not use the link. Call us at ${practice.phone}.`
          : "Did not ask for this? You can ignore this email. No account is created unless someone uses the link."}
      </P>
    </EmailLayout>
  );
}

SetupLinkEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  link: "https://portal.example.com/account/setup?token=preview",
  validFor: "24 hours",
  via: "self_service",
} satisfies EmailProps<"setup_link">;
