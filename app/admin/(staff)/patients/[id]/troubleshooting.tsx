// The seed's troubleshooting advice for each icon, made into the next click.
import Link from "next/link";
import type { PatientDash } from "@/db/queries/patients";
import type { InactiveReason } from "@/lib/patients/portal-status";
import { REASON_TEXT } from "@/lib/patients/portal-status-text";
import { emailChangeConfirmHours } from "@/lib/patients/email-changed-recently";
import { SendInvitationForm } from "./edit/portal-forms";

const FIX: Record<InactiveReason, { label: string; tab: "basic" | "portal"; field?: string } | null> = {
  access_disabled: { label: "Turn on portal access", tab: "portal", field: "portalAccessEnabled" },
  no_email: { label: "Add an email address", tab: "basic", field: "email" },
  no_zip: { label: "Add a ZIP code", tab: "basic", field: "zip" },
  chart_inactive: null,
  chart_deceased: null,
};

export function Troubleshooting({
  patient,
  hasAccount,
  recentEmailChange,
}: {
  patient: PatientDash;
  hasAccount: boolean;
  recentEmailChange: boolean;
}) {
  const { status } = patient;
  const edit = (tab: string, field?: string) =>
    `/admin/patients/${patient.id}/edit?tab=${tab}${field ? `#${field}` : ""}`;
  return (
    <section className="troubleshooting" aria-labelledby="troubleshooting-title">
      <h3 id="troubleshooting-title">What to do</h3>
      {status.kind === "inactive" && (
        <>
          <p>The patient cannot use the portal until each of these is fixed:</p>
          <ul className="fix-list">
            {status.reasons.map((r) => {
              const fix = FIX[r];
              return (
                <li key={r}>
                  <span>{REASON_TEXT[r]}</span>{" "}
                  {fix ? (
                    <Link className="button-secondary" href={edit(fix.tab, fix.field)}>
                      {fix.label}
                    </Link>
                  ) : (
                    <span className="hint">Portal access follows the chart status.</span>
                  )}
                </li>
              );
            })}
          </ul>
          <p>Then send the patient an invitation from the Patient Portal tab.</p>
        </>
      )}
      {status.kind === "unactivated" && (
        <>
          <p>
            Either ask the patient to use{" "}
            <strong>&ldquo;I am a registered patient. Create my Patient Portal account&rdquo;</strong> on the portal
            sign-in page, or send them an invitation now.
          </p>
          <p>
            They will need to enter their email, last name, date of birth and ZIP code, and all four must match what is
            on file (shown on this page). If they get an email saying their account could not be verified, check the
            portal activity below to see which item did not match.
          </p>
          <SendInvitationForm
            patientId={patient.id}
            hasAccount={hasAccount}
            blockedBecause={[]}
            askEmailChangeConfirmation={recentEmailChange}
            emailChangeWindowHours={emailChangeConfirmHours()}
          />
        </>
      )}
      {status.kind === "active" && (
        <>
          <p>
            If the patient cannot sign in, ask them to use <strong>&ldquo;I forgot my password&rdquo;</strong> (or
            &ldquo;I forgot my username&rdquo;) on the portal sign-in page, entering their email, last name, date of
            birth and ZIP code as on file. Or send a reset email now.
          </p>
          <SendInvitationForm
            patientId={patient.id}
            hasAccount={hasAccount}
            blockedBecause={[]}
            askEmailChangeConfirmation={recentEmailChange}
            emailChangeWindowHours={emailChangeConfirmHours()}
          />
        </>
      )}
    </section>
  );
}
