import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function AccessOffEmail({ practice }: EmailProps<"access_off">) {
  return (
    <EmailLayout
      practice={practice}
      preview="Patient Portal access is not turned on for you yet. Call us and we can help."
      title="Patient Portal access is not turned on"
      because="someone asked for Patient Portal access using this email address."
    >
      <P>Someone asked for Patient Portal access for this email address, but portal access is not turned on for you.</P>
      <P>To turn it on, please call us at {practice.phone}. We can help you over the phone.</P>
      <P>Did not ask for this? You can ignore this email. Nothing has changed.</P>
    </EmailLayout>
  );
}

AccessOffEmail.PreviewProps = { practice: PREVIEW_PRACTICE } satisfies EmailProps<"access_off">;
