import { requirePatient } from "@/lib/auth/dal";
import { getDb } from "@/db/client";
import { getPatientContact } from "@/db/queries/patient-contact";
import { getConfig } from "@/lib/config";
import { passwordHint } from "@/lib/passwords/check-new-password";
import { formatDob } from "@/lib/patients/format-dob";
import { addressLines } from "@/lib/patients/format-address";
import { ChangePasswordForm } from "./change-password-form";
import { IdleWarning } from "@/app/_components/idle-warning";
import { IDLE_SECONDS, IDLE_WARNING_SECONDS } from "@/lib/auth/session-limits";
import { signOutEverywhere, signOutPatient, signOutIdlePatient } from "./actions";

export const metadata = { title: "Your portal" };

export default async function PortalPage() {
  const patient = await requirePatient();
  const contact = await getPatientContact(await getDb(), patient.patientId);
  const address = contact ? addressLines(contact.address) : [];
  const { PRACTICE_NAME, PRACTICE_PHONE, PASSWORD_MIN_LENGTH } = getConfig();
  return (
    <main id="main" className="narrow">
      <IdleWarning
        idleSeconds={IDLE_SECONDS.patient}
        warnSeconds={IDLE_WARNING_SECONDS}
        endSession={signOutIdlePatient}
      />
      <h1>Hello, {patient.firstName}</h1>
      <p>
        You are signed in as <strong>{patient.username}</strong>.
      </p>
      <form action={signOutPatient}>
        <button type="submit" className="button-secondary">
          Sign out
        </button>
      </form>

      <section aria-labelledby="contact-title">
        <h2 id="contact-title">Your details on file</h2>
        <p>
          To change any of these, call {PRACTICE_NAME} at {PRACTICE_PHONE}.
        </p>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{contact?.name}</dd>
          <dt>Date of birth</dt>
          <dd>{contact ? formatDob(contact.dateOfBirth) : ""}</dd>
          <dt>Email</dt>
          <dd className="email">{contact?.email}</dd>
          <dt>Phone</dt>
          <dd>{contact?.phone || "None on file"}</dd>
          <dt>Address</dt>
          <dd>
            {address.length
              ? address.map((l) => (
                  <span key={l} className="line">
                    {l}
                  </span>
                ))
              : "None on file"}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <p>After you change it, you will be signed out everywhere and sign in again with the new one.</p>
        <ChangePasswordForm hint={passwordHint(PASSWORD_MIN_LENGTH)} />
      </section>

      <section aria-labelledby="devices-title">
        <h2 id="devices-title">Signed in somewhere else?</h2>
        <p>If you used a shared or lost device, sign out of the portal on every device at once.</p>
        <form action={signOutEverywhere}>
          <button type="submit" className="button-secondary">
            Sign out everywhere
          </button>
        </form>
      </section>
    </main>
  );
}
