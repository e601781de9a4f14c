import Link from "next/link";
import { requireStaff } from "@/lib/auth/dal";
import { AddPatientForm } from "./add-patient-form";

export const metadata = { title: "Add patient" };

export default async function AddPatientPage() {
  await requireStaff();
  return (
    <main id="main" className="narrow-wide">
      <p>
        <Link href="/admin">← All patients</Link>
      </p>
      <h1>Add patient</h1>
      <p>
        Enter the details as they are in the chart: patients must type the same email, last name, date of birth and ZIP
        code to set up their portal account.
      </p>
      <AddPatientForm />
    </main>
  );
}
