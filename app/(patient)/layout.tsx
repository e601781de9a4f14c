import Link from "next/link";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/config";
import { LanguageSwitch } from "./_components/language-switch";

export default async function PatientLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
  const t = await getTranslations("common");
  return (
    <>
      <header className="patient-header">
        <Link href="/login" className="brand">
          {t("brand", { practice: PRACTICE_NAME })}
        </Link>
        <LanguageSwitch current={await getLocale()} label={t("languageSwitch")} />
      </header>
      {children}
      <footer className="patient-footer">
        <p>
          {t.rich("help", {
            practice: PRACTICE_NAME,
            phone: PRACTICE_PHONE,
            call: (number) => <a href={`tel:${PRACTICE_PHONE.replace(/[^\d+]/g, "")}`}>{number}</a>,
          })}
        </p>
      </footer>
    </>
  );
}
