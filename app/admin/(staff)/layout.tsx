import Link from "next/link";
import { requireStaff } from "@/lib/auth/dal";
import { signOutStaff, signOutIdleStaff } from "./actions";
import { IdleWarning } from "@/app/_components/idle-warning";
import { IDLE_SECONDS, IDLE_WARNING_SECONDS } from "@/lib/auth/session-limits";
import { getDb } from "@/db/client";
import { recoveryCodesLeft } from "@/lib/second-factor/recovery-codes";
import { recoveryCodesLow } from "@/lib/second-factor/recovery-codes-low";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  const codesLeft = await recoveryCodesLeft(await getDb(), staff.id);
  return (
    <>
      <header className="staff-header">
        <Link href="/admin" className="brand">
          Patient Portal · Staff
        </Link>
        <nav aria-label="Staff">
          {staff.role === "admin" && (
            <>
              <Link href="/admin/staff">Staff</Link>
              <Link href="/admin/audit">Audit</Link>
              <Link href="/admin/settings">Settings</Link>
            </>
          )}
          <Link href="/admin/account">Your account</Link>
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
      {recoveryCodesLow(codesLeft) && (
        <p className="banner-warning">
          You have {codesLeft === 0 ? "no" : `only ${codesLeft}`} recovery {codesLeft === 1 ? "code" : "codes"} left.{" "}
          <Link href="/admin/account">Make new recovery codes</Link> so a lost phone does not lock you out.
        </p>
      )}
      <IdleWarning idleSeconds={IDLE_SECONDS.staff} warnSeconds={IDLE_WARNING_SECONDS} endSession={signOutIdleStaff} />
      {children}
    </>
  );
}
