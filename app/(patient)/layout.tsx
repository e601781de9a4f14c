import Link from "next/link";
import { connection } from "next/server";
import { getConfig } from "@/lib/config";

export default async function PatientLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
  return (
    <>
      <header className="patient-header">
        <Link href="/login" className="brand">
          {PRACTICE_NAME} · Patient Portal
        </Link>
      </header>
      {children}
      <footer className="patient-footer">
        <p>
          Need help? Call {PRACTICE_NAME} at{" "}
          <a href={`tel:${PRACTICE_PHONE.replace(/[^\d+]/g, "")}`}>{PRACTICE_PHONE}</a>.
        </p>
      </footer>
    </>
  );
}
