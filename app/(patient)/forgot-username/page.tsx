import Link from "next/link";
import { VerificationForm } from "../_components/verification-form";
import { SentConfirmation } from "../_components/sent-confirmation";
import { requestUsername } from "./actions";

export const metadata = { title: "Find your username" };

export default function ForgotUsernamePage() {
  return (
    <main id="main" className="narrow">
      <h1>Find your username</h1>
      <p>Enter your details exactly as the practice has them. When all four match, we email you your username.</p>
      <VerificationForm
        action={requestUsername}
        submitLabel="Email me my username"
        confirmation={<SentConfirmation what="your username" />}
      />
      <p>
        <Link href="/login">Back to sign in</Link>
      </p>
    </main>
  );
}
