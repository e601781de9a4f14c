// The page behind a staff invitation: outside the staff layout, since its visitor is not signed in yet.
import Link from "next/link";
import { connection } from "next/server";

export default async function StaffSetupLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <>
      <header className="staff-header">
        <Link href="/admin/login" className="brand">
          Patient Portal · Staff
        </Link>
      </header>
      {children}
    </>
  );
}
