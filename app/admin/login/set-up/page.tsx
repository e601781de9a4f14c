// Right after a staff member's password, when they have no second factor yet: they set one up here before any
// staff page opens (docs/security.md M1). A new staff member (invited, or made with `npm run staff:create`) comes
// here at their first sign-in.
import { getDb } from "@/db/client";
import { SignInTimedOut } from "@/app/_components/sign-in-timed-out";
import { currentPendingSignIn } from "@/lib/auth/pending-sign-in-cookie";
import { getConfig } from "@/lib/config";
import { newAuthenticatorOffer } from "@/lib/second-factor/authenticator-qr";
import { staffAuthenticatorLabel } from "@/lib/second-factor/staff-authenticator-label";
import { ContinueSignIn } from "./continue-sign-in";
import { SetUpChoices } from "./set-up-choices";

export const metadata = { title: "Set up two-step sign-in" };

export default async function StaffSetUpPage() {
  const pending = await currentPendingSignIn("staff");
  if (pending?.purpose !== "set_up") {
    return (
      <main id="main" className="narrow">
        <SignInTimedOut signInHref="/admin/login" />
      </main>
    );
  }
  if (pending.passed) {
    return (
      <main id="main" className="narrow">
        <h1>Two-step sign-in is set up</h1>
        <ContinueSignIn />
      </main>
    );
  }
  const now = new Date();
  const label = await staffAuthenticatorLabel(await getDb(), pending.owner.id);
  const offer = await newAuthenticatorOffer({ owner: pending.owner, ...label, now });
  const practiceName = getConfig().PRACTICE_NAME;
  return (
    <main id="main" className="narrow">
      <h1>Set up two-step sign-in</h1>
      <p>
        Staff accounts can see every patient&apos;s details, so each sign-in needs your password and a code from an
        authenticator app on your phone, or a passkey. Set it up now; it takes about a minute.
      </p>
      <SetUpChoices offer={offer} practiceName={practiceName} />
    </main>
  );
}
