// Goes to whatever address was typed into the form, so it must not reveal whether that person is
// a patient here, and it repeats none of what was typed.
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function CouldNotVerifyEmail({ practice }: EmailProps<"could_not_verify">) {
  return (
    <EmailLayout
      practice={practice}
      preview="We could not match the details you entered. Here is what to check."
      title="We could not verify your account"
      because="someone tried to verify a Patient Portal account using this email address."
    >
      <P>
        Someone asked for Patient Portal help using this email address, but we could not match the details to our
        records.
      </P>
      <P>To verify you, all four of these must match what {practice.name} has on file:</P>
      <ul style={{ fontSize: "16px", lineHeight: "24px", color: "#1f2937", margin: "0 0 16px", paddingLeft: "24px" }}>
        <li>your email address</li>
        <li>your last name</li>
        <li>your date of birth</li>
        <li>your ZIP code</li>
      </ul>
      <P>
        Please check them and try again. A different email address on file, a recent name change or a recent move are
        common reasons for a mismatch.
      </P>
      <P>Still not working? Call us at {practice.phone} and we will help.</P>
      <P>Did not ask for this? You can ignore this email. Nothing has changed.</P>
    </EmailLayout>
  );
}

CouldNotVerifyEmail.PreviewProps = { practice: PREVIEW_PRACTICE } satisfies EmailProps<"could_not_verify">;
