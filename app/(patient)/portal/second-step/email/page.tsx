// Adding codes by email as a second step: we email a code to the address on file, the patient types it here.
// Plain forms, so it works without JavaScript.
import { getDb } from "@/db/client";
import { getPatientContact } from "@/db/queries/patient-contact";
import { listFactors } from "@/db/queries/second-factors";
import { requirePatient } from "@/lib/auth/dal";
import { patientRef } from "@/lib/second-factor/account-ref";
import { EMAIL_CODE } from "@/lib/second-factor/email-code";
import { sendAddFactorCode } from "../actions";
import { BackToPortal } from "../back-to-portal";
import { EmailCodeForm } from "./email-code-form";

export const metadata = { title: "Get codes by email" };

export default async function AddEmailFactorPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const patient = await requirePatient();
  const db = await getDb();
  const [contact, factors, params] = await Promise.all([
    getPatientContact(db, patient.patientId),
    listFactors(db, patientRef(patient.patientId)),
    searchParams,
  ]);
  const email = contact?.email;
  const alreadyOn = factors.some((f) => f.kind === "email");
  const sent = params.sent === "1" || params.sent === "0";
  return (
    <main id="main" className="narrow">
      <h1>Get a code by email when you sign in</h1>
      {alreadyOn ? (
        <p className="notice" role="status">
          Codes by email are already on for your account.
        </p>
      ) : !email ? (
        <p>We have no email address on file for you, so we cannot send codes. Please call the practice.</p>
      ) : (
        <>
          <p>
            After your password, we will email a {EMAIL_CODE.digits}-digit code to{" "}
            <strong className="email">{email}</strong> and ask you to type it. This works without a smartphone.
          </p>
          {params.sent === "0" ? (
            <p className="notice" role="status">
              We could not send another code right now, because several were sent recently. Use the newest code you
              received, or try again in an hour.
            </p>
          ) : sent ? (
            <p className="notice" role="status">
              We emailed you a code. It works for {EMAIL_CODE.minutes} minutes. It can take a minute to arrive; check
              your spam folder too.
            </p>
          ) : (
            <p>First, we send a code to that address, to make sure our emails reach you.</p>
          )}
          {sent && <EmailCodeForm hint={`${EMAIL_CODE.digits} digits, for example 123456.`} />}
          <form action={sendAddFactorCode}>
            <button type="submit" className={sent ? "button-secondary" : "button"}>
              {sent ? "Send a new code" : "Email me a code"}
            </button>
          </form>
        </>
      )}
      <BackToPortal />
    </main>
  );
}
