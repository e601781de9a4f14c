import Link from "next/link";
import { VerificationForm } from "../_components/verification-form";
import { SentConfirmation } from "../_components/sent-confirmation";
import { requestPasswordReset } from "./actions";

export const metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <main id="main" className="narrow">
      <h1>Reset your password</h1>
      <p>
        Enter your details exactly as the practice has them. When all four match, we email you a link to choose a new
        password.
      </p>
      <VerificationForm
        action={requestPasswordReset}
        submitLabel="Send me a link"
        confirmation={<SentConfirmation what="a link to reset your password" />}
      />
      <p>
        <Link href="/login">Back to sign in</Link>
      </p>
    </main>
  );
}
