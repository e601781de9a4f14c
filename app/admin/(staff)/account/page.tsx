// "Your account" for a signed-in staff member: the second steps they have (name, added, last used), adding an
// authenticator app or a passkey, removing one (never the last), and their recovery codes.
import { getDb } from "@/db/client";
import { listFactors } from "@/db/queries/second-factors";
import { requireStaff } from "@/lib/auth/dal";
import { getConfig } from "@/lib/config";
import { staffRef } from "@/lib/second-factor/account-ref";
import { newAuthenticatorOffer } from "@/lib/second-factor/authenticator-qr";
import { recoveryCodesLeft } from "@/lib/second-factor/recovery-codes";
import { staffAuthenticatorLabel } from "@/lib/second-factor/staff-authenticator-label";
import { AddAppForm } from "./add-app-form";
import { AddPasskeyForm } from "./add-passkey-form";
import { FactorList } from "./factor-list";
import { RecoveryCodesPanel } from "./recovery-codes-panel";

export const metadata = { title: "Your account" };

export default async function StaffAccountPage() {
  const staff = await requireStaff();
  const db = await getDb();
  const owner = staffRef(staff.id);
  const now = new Date();
  const [factors, codesLeft, label] = await Promise.all([
    listFactors(db, owner),
    recoveryCodesLeft(db, staff.id),
    staffAuthenticatorLabel(db, staff.id),
  ]);
  const offer = await newAuthenticatorOffer({ owner, ...label, now });
  return (
    <main id="main" className="narrow-wide">
      <h1>Your account</h1>
      <p>
        Signed in as {staff.name} ({staff.email}).
      </p>
      <section aria-labelledby="factors-title">
        <h2 id="factors-title">Your second steps</h2>
        <p>Each sign-in asks for your password and one of these.</p>
        <FactorList factors={factors} />
      </section>
      <RecoveryCodesPanel left={codesLeft} practiceName={getConfig().PRACTICE_NAME} />
      <section aria-labelledby="add-app-title">
        <h2 id="add-app-title">Add another authenticator app</h2>
        <AddAppForm offer={offer} />
      </section>
      <section aria-labelledby="add-passkey-title">
        <h2 id="add-passkey-title">Add a passkey</h2>
        <p>
          A passkey is kept by this computer, your phone or a security key, and unlocks with your fingerprint, face or
          PIN. Adding one needs JavaScript.
        </p>
        <AddPasskeyForm />
      </section>
    </main>
  );
}
