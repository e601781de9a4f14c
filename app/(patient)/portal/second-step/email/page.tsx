// Adding codes by email as a second step: we email a code to the address on file, the patient types it here.
// Plain forms, so it works without JavaScript.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getPatientContact } from "@/db/queries/patient-contact";
import { listFactors } from "@/db/queries/second-factors";
import { requirePatient } from "@/lib/auth/dal";
import { patientRef } from "@/lib/second-factor/account-ref";
import { EMAIL_CODE } from "@/lib/second-factor/email-code";
import { sendAddFactorCode } from "../actions";
import { BackToPortal } from "../back-to-portal";
import { EmailCodeForm } from "./email-code-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("secondStep.email"))("title") };
}

export default async function AddEmailFactorPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const patient = await requirePatient();
  const db = await getDb();
  const [contact, factors, params, t] = await Promise.all([
    getPatientContact(db, patient.patientId),
    listFactors(db, patientRef(patient.patientId)),
    searchParams,
    getTranslations("secondStep.email"),
  ]);
  const email = contact?.email;
  const alreadyOn = factors.some((f) => f.kind === "email");
  const sent = params.sent === "1" || params.sent === "0";
  return (
    <main id="main" className="narrow">
      <h1>{t("heading")}</h1>
      {alreadyOn ? (
        <p className="notice" role="status">
          {t("alreadyOn")}
        </p>
      ) : !email ? (
        <p>{t("noEmail")}</p>
      ) : (
        <>
          <p>
            {t.rich("explain", {
              digits: EMAIL_CODE.digits,
              address: email,
              email: (c) => <strong className="email">{c}</strong>,
            })}
          </p>
          {params.sent === "0" ? (
            <p className="notice" role="status">
              {t("tooMany")}
            </p>
          ) : sent ? (
            <p className="notice" role="status">
              {t("sent", { minutes: EMAIL_CODE.minutes })}
            </p>
          ) : (
            <p>{t("first")}</p>
          )}
          {sent && <EmailCodeForm hint={t("codeHint", { digits: EMAIL_CODE.digits })} />}
          <form action={sendAddFactorCode}>
            <button type="submit" className={sent ? "button-secondary" : "button"}>
              {sent ? t("sendNew") : t("send")}
            </button>
          </form>
        </>
      )}
      <BackToPortal />
    </main>
  );
}
