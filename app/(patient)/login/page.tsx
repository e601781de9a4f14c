import Link from "next/link";
import { redirect } from "next/navigation";
import { currentPatient } from "@/lib/auth/dal";
import { readFlash, type Flash } from "@/lib/http/flash";
import { PasskeySignInForm } from "@/app/_components/passkey-sign-in-form";
import { patientPasskeyOptions, signInPatientWithPasskey } from "./actions";
import { PatientSignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

const FLASH_TEXT: Record<Flash["kind"], string> = {
  account_created: "Your account is ready. Sign in with your new username and password.",
  password_reset: "Your password has been changed. Sign in with your new password.",
  password_changed: "Your password has been changed. Sign in again with your new password.",
  signed_out: "You have signed out.",
  session_ended: "You were signed out because you were inactive for a while. Sign in again to continue.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  if (await currentPatient()) redirect("/portal");
  const idle = (await searchParams).reason === "idle";
  const flash: Flash | null = idle ? { kind: "session_ended" } : await readFlash();
  return (
    <main id="main" className="narrow">
      <h1>Sign in to your Patient Portal</h1>
      {flash && (
        <p className="notice" role="status">
          {FLASH_TEXT[flash.kind]}
        </p>
      )}
      <PatientSignInForm username={flash?.username} />
      <section aria-labelledby="passkey-sign-in-title" className="passkey-sign-in">
        <h2 id="passkey-sign-in-title">Or use a passkey</h2>
        <p>If you added a passkey to your Patient Portal account, use it instead of your username and password.</p>
        <PasskeySignInForm
          action={signInPatientWithPasskey}
          options={patientPasskeyOptions}
          label="Sign in with a passkey"
          otherWay="Sign in with your username and password instead."
        />
      </section>
      <ul className="link-list">
        <li>
          <Link href="/register">I am a registered patient. Create my Patient Portal account</Link>
        </li>
        <li>
          <Link href="/forgot-password">I forgot my password</Link>
        </li>
        <li>
          <Link href="/forgot-username">I forgot my username</Link>
        </li>
      </ul>
      <p className="staff-link">
        <Link href="/admin/login">Staff sign-in</Link>
      </p>
    </main>
  );
}
