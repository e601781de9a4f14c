import Link from "next/link";
import { VerificationForm } from "../_components/verification-form";
import { SentConfirmation } from "../_components/sent-confirmation";
import { requestSecondStepHelp } from "./actions";

export const metadata = { title: "Cannot get your sign-in code?" };

export default function SecondStepHelpPage() {
  return (
    <main id="main" className="narrow">
      <h1>Cannot get your sign-in code?</h1>
      <p>
        Lost the phone with your authenticator app, or the device with your passkey? Enter your details exactly as the
        practice has them. When all four match, we email you a link that removes your authenticator app and passkeys
        from your sign-in. You will need your password to use it.
      </p>
      <VerificationForm
        action={requestSecondStepHelp}
        submitLabel="Send me a link"
        confirmation={<SentConfirmation what="a link to remove your second sign-in step" secondStep />}
      />
      <p>
        <Link href="/forgot-password">Forgot your password instead?</Link>
      </p>
      <p>
        <Link href="/login">Back to sign in</Link>
      </p>
    </main>
  );
}
