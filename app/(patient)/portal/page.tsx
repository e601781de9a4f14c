import { requirePatient } from "@/lib/auth/dal";
import { getDb } from "@/db/client";
import { getPatientContact } from "@/db/queries/patient-contact";
import { listFactors } from "@/db/queries/second-factors";
import { offerPutOff } from "@/lib/auth/second-step-offer-cookie";
import { getConfig } from "@/lib/config";
import { passwordHint } from "@/lib/passwords/check-new-password";
import { patientPasswordMinimum } from "@/lib/passwords/patient-password-minimum";
import { patientRef } from "@/lib/second-factor/account-ref";
import { formatDob } from "@/lib/patients/format-dob";
import { addressLines } from "@/lib/patients/format-address";
import { ChangePasswordForm } from "./change-password-form";
import { IdleWarning } from "@/app/_components/idle-warning";
import { IDLE_SECONDS, IDLE_WARNING_SECONDS } from "@/lib/auth/session-limits";
import { signOutEverywhere, signOutPatient, signOutIdlePatient } from "./actions";
import { SecondStepOffer } from "./second-step-offer";
import { SecondStepSection } from "./second-step-section";

// After adding or removing a second step the actions come back here with ?done=added or ?done=removed.
const DONE_TEXT: Record<string, string> = {
  added: "Your second step is on. Next time you sign in, we will ask for it after your password.",
  removed: "That second step is removed. We emailed you to say so.",
};

export const metadata = { title: "Your portal" };

export default async function PortalPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const patient = await requirePatient();
  const db = await getDb();
  const [contact, factors, minLength, putOff, params] = await Promise.all([
    getPatientContact(db, patient.patientId),
    listFactors(db, patientRef(patient.patientId)),
    patientPasswordMinimum(db, patient.patientId),
    offerPutOff(patient.patientId),
    searchParams,
  ]);
  const address = contact ? addressLines(contact.address) : [];
  const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
  const notice =
    typeof params.done === "string" && Object.hasOwn(DONE_TEXT, params.done) ? DONE_TEXT[params.done] : null;
  return (
    <main id="main" className="narrow">
      <IdleWarning
        idleSeconds={IDLE_SECONDS.patient}
        warnSeconds={IDLE_WARNING_SECONDS}
        endSession={signOutIdlePatient}
      />
      <h1>Hello, {patient.firstName}</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <p>
        You are signed in as <strong>{patient.username}</strong>.
      </p>
      <form action={signOutPatient}>
        <button type="submit" className="button-secondary">
          Sign out
        </button>
      </form>
      {factors.length === 0 && !putOff && <SecondStepOffer />}

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
        <ChangePasswordForm hint={passwordHint(minLength)} />
      </section>

      <SecondStepSection factors={factors} now={new Date()} />

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
