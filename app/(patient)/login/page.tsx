import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentPatient } from "@/lib/auth/dal";
import { readFlash, type Flash } from "@/lib/http/flash";
import { PasskeySignInForm } from "@/app/_components/passkey-sign-in-form";
import { patientPasskeyOptions, signInPatientWithPasskey } from "./actions";
import { PatientSignInForm } from "./sign-in-form";

export async function generateMetadata() {
  const t = await getTranslations("signIn.login");
  return { title: t("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  if (await currentPatient()) redirect("/portal");
  const idle = (await searchParams).reason === "idle";
  const flash: Flash | null = idle ? { kind: "session_ended" } : await readFlash();
  const t = await getTranslations("signIn");
  return (
    <main id="main" className="narrow">
      <h1>{t("login.heading")}</h1>
      {flash && (
        <p className="notice" role="status">
          {t(`flash.${flash.kind}`)}
        </p>
      )}
      <PatientSignInForm username={flash?.username} />
      <section aria-labelledby="passkey-sign-in-title" className="passkey-sign-in">
        <h2 id="passkey-sign-in-title">{t("login.passkeyTitle")}</h2>
        <p>{t("login.passkeyIntro")}</p>
        <PasskeySignInForm
          action={signInPatientWithPasskey}
          options={patientPasskeyOptions}
          label={t("login.passkeyButton")}
          otherWay={t("login.passkeyOtherWay")}
        />
      </section>
      <ul className="link-list">
        <li>
          <Link href="/register">{t("login.register")}</Link>
        </li>
        <li>
          <Link href="/forgot-password">{t("login.forgotPassword")}</Link>
        </li>
        <li>
          <Link href="/forgot-username">{t("login.forgotUsername")}</Link>
        </li>
      </ul>
      <p className="staff-link">
        <Link href="/admin/login">{t("login.staff")}</Link>
      </p>
    </main>
  );
}
