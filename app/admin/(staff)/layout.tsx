import Link from "next/link";
import { requireStaff } from "@/lib/auth/dal";
import { signOutStaff } from "./actions";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  return (
    <>
      <header className="staff-header">
        <Link href="/admin" className="brand">
          Patient Portal · Staff
        </Link>
        <nav aria-label="Staff">
          <span className="who">
            {staff.name} ({staff.role === "admin" ? "Admin" : "Front desk"})
          </span>
          <form action={signOutStaff}>
            <button type="submit" className="button-link">
              Sign out
            </button>
          </form>
        </nav>
      </header>
      {children}
    </>
  );
}
