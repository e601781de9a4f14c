// The six-digit code a patient asked for at sign-in (or to turn emailed codes on). It names no one and shows
// nothing from the chart (docs/security.md M7): whoever reads the inbox learns only that a code was asked for.
import { EmailLayout, Highlight, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function SignInCodeEmail({ practice, code, validFor, purpose }: EmailProps<"sign_in_code">) {
  const adding = purpose === "add_factor";
  return (
    <EmailLayout
      practice={practice}
      preview={`Your Patient Portal code. It works for ${validFor}.`}
      title={adding ? "Your code to turn on emailed codes" : "Your sign-in code"}
      because={
        adding
          ? "someone signed in to the Patient Portal account linked to this email address asked to get sign-in codes by email."
          : "someone entered the right password for the Patient Portal account linked to this email address and asked for a sign-in code."
      }
    >
      <P>
        {adding
          ? "Enter this code on the Patient Portal to finish turning on sign-in codes by email:"
          : "Enter this code on the Patient Portal to finish signing in:"}
      </P>
      <Highlight>{code}</Highlight>
      <P>It works for {validFor}, and only once. Do not share it: staff will never ask you for it.</P>
      <P>
        <strong>
          {adding ? "If you did not ask for this" : "If you did not try to sign in"}, someone else may know your
          password. Change your password, or call us at {practice.phone}.
        </strong>
      </P>
    </EmailLayout>
  );
}

SignInCodeEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  code: "402 917",
  validFor: "10 minutes",
  purpose: "sign_in",
} satisfies EmailProps<"sign_in_code">;
