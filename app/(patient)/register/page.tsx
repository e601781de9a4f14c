import Link from "next/link";
import { VerificationForm } from "../_components/verification-form";
import { SentConfirmation } from "../_components/sent-confirmation";
import { requestAccountSetup } from "./actions";

export const metadata = { title: "Create your Patient Portal account" };

export default function RegisterPage() {
  return (
    <main id="main" className="narrow">
      <h1>Create your Patient Portal account</h1>
      <p>
        Enter your details exactly as the practice has them. When all four match, we email you a link to choose your
        username and password.
      </p>
      <VerificationForm
        action={requestAccountSetup}
        submitLabel="Send me a link"
        confirmation={<SentConfirmation what="a link to set up your account" />}
      />
      <p>
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </main>
  );
}
