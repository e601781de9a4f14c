import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePatient } from "@/lib/auth/dal";
import { getDb } from "@/db/client";
import { getPatientContact } from "@/db/queries/patient-contact";
import { listFactors } from "@/db/queries/second-factors";
import { offerPutOff } from "@/lib/auth/second-step-offer-cookie";
import { getConfig } from "@/lib/config";
import { passwordHint } from "@/lib/passwords/check-new-password";
import { passwordMinimumWith } from "@/lib/passwords/patient-password-minimum";
import { patientRef } from "@/lib/second-factor/account-ref";
import { formatDob } from "@/lib/patients/format-dob";
import { addressLines } from "@/lib/patients/format-address";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/locales";
import { ChangePasswordForm } from "./change-password-form";
import { IdleWarning } from "@/app/_components/idle-warning";
import { IDLE_SECONDS, IDLE_WARNING_SECONDS } from "@/lib/auth/session-limits";
import { signOutEverywhere, signOutPatient, signOutIdlePatient } from "./actions";
import { SecondStepOffer } from "./second-step-offer";
import { SecondStepSection } from "./second-step-section";

// After adding or removing a second step the actions come back here with ?done=added or ?done=removed.
const DONE = ["added", "removed"] as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("portal");
  return { title: t("title") };
}

// The date of birth as US English readers know it (03/15/1962), in Spanish written out (15 de marzo de 1962).
function dateOfBirth(iso: string, locale: Locale): string {
  if (locale === "en") return formatDob(iso);
  const date = new Date(`${iso}T00:00:00Z`);
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "long", timeZone: "UTC" }).format(date);
}

export default async function PortalPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const patient = await requirePatient();
  const db = await getDb();
  const [contact, factors, putOff, params, t, locale] = await Promise.all([
    getPatientContact(db, patient.patientId),
    listFactors(db, patientRef(patient.patientId)),
    offerPutOff(patient.patientId),
    searchParams,
    getTranslations("portal"),
    getLocale(),
  ]);
  const minLength = passwordMinimumWith(factors.length > 0);
  const address = contact ? addressLines(contact.address) : [];
  const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
  const done = DONE.find((d) => d === params.done);
  return (
    <main id="main" className="narrow">
      <IdleWarning
        idleSeconds={IDLE_SECONDS.patient}
        warnSeconds={IDLE_WARNING_SECONDS}
        endSession={signOutIdlePatient}
      />
      <h1>{t("hello", { name: patient.firstName })}</h1>
      {done && (
        <p className="notice" role="status">
          {t(`done.${done}`)}
        </p>
      )}
      <p>{t.rich("signedInAs", { username: patient.username, strong: (c) => <strong>{c}</strong> })}</p>
      <form action={signOutPatient}>
        <button type="submit" className="button-secondary">
          {t("signOut")}
        </button>
      </form>
      {factors.length === 0 && !putOff && <SecondStepOffer />}

      <section aria-labelledby="contact-title">
        <h2 id="contact-title">{t("details.title")}</h2>
        <p>{t("details.howToChange", { practice: PRACTICE_NAME, phone: PRACTICE_PHONE })}</p>
        <dl className="facts">
          <dt>{t("details.name")}</dt>
          <dd>{contact?.name}</dd>
          <dt>{t("details.dateOfBirth")}</dt>
          <dd>{contact ? dateOfBirth(contact.dateOfBirth, locale) : ""}</dd>
          <dt>{t("details.email")}</dt>
          <dd className="email">{contact?.email}</dd>
          <dt>{t("details.phone")}</dt>
          <dd>{contact?.phone || t("details.noneOnFile")}</dd>
          <dt>{t("details.address")}</dt>
          <dd>
            {address.length
              ? address.map((l) => (
                  <span key={l} className="line">
                    {l}
                  </span>
                ))
              : t("details.noneOnFile")}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">{t("password.title")}</h2>
        <p>{t("password.intro")}</p>
        <ChangePasswordForm hint={passwordHint(minLength, locale)} />
      </section>

      <SecondStepSection factors={factors} now={new Date()} />

      <section aria-labelledby="devices-title">
        <h2 id="devices-title">{t("devices.title")}</h2>
        <p>{t("devices.intro")}</p>
        <form action={signOutEverywhere}>
          <button type="submit" className="button-secondary">
            {t("devices.signOutEverywhere")}
          </button>
        </form>
      </section>
    </main>
  );
}
