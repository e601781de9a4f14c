import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/dal";
import { StaffSignInForm } from "./sign-in-form";

export const metadata = { title: "Staff sign-in" };

export default async function StaffLoginPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  if (await currentStaff()) redirect("/admin");
  const idle = (await searchParams).reason === "idle";
  return (
    <main id="main" className="narrow">
      <h1>Staff sign-in</h1>
      {idle && (
        <p className="notice" role="status">
          You were signed out because you were inactive for 15 minutes. Sign in again to continue.
        </p>
      )}
      <p>Sign in with your practice email address to see and fix patients&apos; portal access.</p>
      <StaffSignInForm />
    </main>
  );
}
