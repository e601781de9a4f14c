import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/dal";
import { PasskeySignInForm } from "@/app/_components/passkey-sign-in-form";
import { signInStaffWithPasskey, staffPasskeyOptions } from "./actions";
import { StaffSignInForm } from "./sign-in-form";

export const metadata = { title: "Staff sign-in" };

export default async function StaffLoginPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  if (await currentStaff()) redirect("/admin");
  const params = await searchParams;
  const idle = params.reason === "idle";
  const setupDone = params.setup === "done";
  return (
    <main id="main" className="narrow">
      <h1>Staff sign-in</h1>
      {setupDone && (
        <p className="notice" role="status">
          Your password is set. Sign in with your email address and new password.
        </p>
      )}
      {idle && (
        <p className="notice" role="status">
          You were signed out because you were inactive for 15 minutes. Sign in again to continue.
        </p>
      )}
      <p>Sign in with your practice email address to see and fix patients&apos; portal access.</p>
      <StaffSignInForm />
      <section aria-labelledby="passkey-sign-in-title" className="passkey-sign-in">
        <h2 id="passkey-sign-in-title">Or use a passkey</h2>
        <p>If you set up a passkey for your staff account, it signs you in on its own: no password or code.</p>
        <PasskeySignInForm
          action={signInStaffWithPasskey}
          options={staffPasskeyOptions}
          label="Sign in with a passkey"
          otherWay="Sign in with your email address and password instead."
        />
      </section>
    </main>
  );
}
