import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/dal";
import { StaffSignInForm } from "./sign-in-form";

export const metadata = { title: "Staff sign-in" };

export default async function StaffLoginPage() {
  if (await currentStaff()) redirect("/admin");
  return (
    <main id="main" className="narrow">
      <h1>Staff sign-in</h1>
      <p>Sign in with your practice email address to see and fix patients&apos; portal access.</p>
      <StaffSignInForm />
    </main>
  );
}
